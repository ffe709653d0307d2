// Audits a running server against the GraphQL-over-HTTP specification with graphql-http's auditServer.
// Usage: node audit.mjs http://127.0.0.1:8080/graphql
// Prints every result that is not ok. Exits 1 when a MUST ('error') or a SHOULD ('warn') fails; a failed MAY
// ('notice') is printed but does not fail the run. Exits 2 when the audit cannot run at all.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

async function describe(result) {
  const lines = [`${result.status.toUpperCase()} ${result.id} ${result.name}`, `  reason: ${result.reason}`];
  const response = result.response;
  if (response) {
    const type = response.headers.get('content-type') ?? '-';
    lines.push(`  response: ${response.status} ${type}`);
    try {
      const body = await response.text();
      lines.push(`  body: ${body.slice(0, 500)}`);
    } catch {
      // The audit already read the body; the status line above is what we can show.
    }
  }
  return lines.join('\n');
}

try {
  const results = await auditServer({ url });
  const failed = results.filter((r) => r.status !== 'ok');
  for (const result of failed) {
    console.log(await describe(result));
  }
  const count = (status) => results.filter((r) => r.status === status).length;
  console.log(`${results.length} audits: ${count('ok')} ok, ${count('error')} error (MUST), `
    + `${count('warn')} warn (SHOULD), ${count('notice')} notice (MAY)`);
  process.exit(count('error') + count('warn') > 0 ? 1 : 0);
} catch (e) {
  console.error(`audit could not run against ${url}: ${e?.stack ?? e}`);
  process.exit(2);
}
