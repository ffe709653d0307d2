// One measured run of the store bench (see bench/README.md): autocannon against a running server, each request
// signed in as the next young person of the users file (round robin, so consecutive requests are different
// people), a warm-up that is thrown away, then the measured period with the CPU of the given pids sampled from
// /proc around it. Prints one JSON line. StoreBench writes the plan file and reads the line.
// Usage: node load.js plan.json   (plan: url, query, variables, kind, connections, warmup, duration, usersFile,
//        expect, tag, pids: {name: pid})
'use strict';
const fs = require('fs');
const autocannon = require(require.resolve('autocannon', { paths: [__dirname] }));

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const users = plan.usersFile ? JSON.parse(fs.readFileSync(plan.usersFile, 'utf8')) : [];
const HZ = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s

let next = 0;
let sent = 0;
const bad = { count: 0, sample: null };
const fixedBody = JSON.stringify({ query: plan.query, variables: plan.variables || {} });

// The write scenario sends each message to the young person's own thread, with a unique clientMessageId.
function body(user) {
  if (plan.kind !== 'send') return fixedBody;
  sent++;
  return JSON.stringify({ query: plan.query, variables: { input: { threadId: user.thread,
    body: `Bench message ${sent} from the store bench`, clientMessageId: `${plan.tag}-${sent}` } } });
}

function setupRequest(req) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  let user = null;
  if (users.length > 0 && plan.kind !== 'floor') {
    user = users[next++ % users.length];
    headers.authorization = `Bearer ${user.token}`;
  }
  return { ...req, method: 'POST', path: '/graphql', headers, body: body(user) };
}

// Cheap checks on every answer: a substring the right answer has, and no GraphQL errors.
function verifyBody(text) {
  const ok = text.includes(plan.expect) && !text.includes('"errors"');
  if (!ok && bad.count++ === 0) bad.sample = text.slice(0, 300);
  return ok;
}

function run(seconds) {
  return autocannon({ url: plan.url, connections: plan.connections, duration: seconds, timeout: 30,
    requests: [{ setupRequest }], verifyBody });
}

function cpuTicks(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return +fields[11] + +fields[12];
  } catch (e) {
    return null;
  }
}

function machine() {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return { idle: cpu[3] + cpu[4], total: cpu.reduce((a, b) => a + b, 0) };
}

(async () => {
  if (plan.warmup > 0) await run(plan.warmup);
  bad.count = 0;
  bad.sample = null;
  const pids = plan.pids || {};
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuTicks(pid)]));
  const sys0 = machine();
  const me0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const res = await run(plan.duration);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const me = process.cpuUsage(me0);
  const sys1 = machine();
  const requests = res.requests.total;
  const cpu = {};
  for (const [name, pid] of Object.entries(pids)) {
    const after = cpuTicks(pid);
    if (before[name] === null || after === null) continue;
    const cpuSeconds = (after - before[name]) / HZ;
    cpu[name] = { cores: +(cpuSeconds / seconds).toFixed(2),
      ms_per_request: requests > 0 ? +(1000 * cpuSeconds / requests).toFixed(2) : null };
  }
  const out = {
    requests, seconds: +seconds.toFixed(2), rps: +(requests / seconds).toFixed(1),
    p50_ms: res.latency.p50, p90_ms: res.latency.p90, p99_ms: res.latency.p99, max_ms: res.latency.max,
    non2xx: res.non2xx, errors: res.errors, timeouts: res.timeouts, mismatches: res.mismatches,
    bad_sample: bad.sample, cpu,
    loadgen_cores: +(((me.user + me.system) / 1e6) / seconds).toFixed(2),
    machine_busy_pct: +(100 * (1 - (sys1.idle - sys0.idle) / (sys1.total - sys0.total))).toFixed(1),
    loadavg_1m: +fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
  };
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
