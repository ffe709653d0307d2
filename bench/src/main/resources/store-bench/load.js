// One measured run of the store bench (see bench/README.md): autocannon against a running server, each request
// signed in as the next young person of the users file (round robin, so consecutive requests are different
// people), a warm-up that is thrown away, then the measured period with the CPU of the given pids sampled from
// /proc around it. Prints one JSON line. StoreBench writes the plan file and reads the line.
// Usage: node load.js plan.json   (plan: url, query, variables, kind, connections, warmup, duration, usersFile,
//        expect, tag, pids: {name: pid}, rate: requests a second in all, 0 for as many as answered)
'use strict';
const fs = require('fs');
const http = require('http');
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
  if (plan.rate > 0) return paced(seconds);
  return autocannon({ url: plan.url, connections: plan.connections, duration: seconds, timeout: 30,
    requests: [{ setupRequest }], verifyBody });
}

// plan.rate > 0: an open loop, not autocannon. Requests are started at even intervals (rate a second in all) whether
// or not earlier ones have been answered, over at most plan.connections keep-alive connections (more wait for a free
// one), and each latency counts from when its request was due, so a stall shows in full. autocannon's overallRate is
// not used: it lets each connection send its share of a second back to back at the start of that second, and its
// correction for coordinated omission takes 1/rate seconds for milliseconds, adding made-up samples.
function paced(seconds) {
  return new Promise((resolve) => {
    const url = new URL(plan.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
    const latencies = [];
    const counts = { errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 };
    const interval = 1000 / plan.rate;
    const start = performance.now();
    let issued = 0;
    let open = 0;
    let stopped = false;
    function finished() {
      if (--open === 0 && stopped) {
        agent.destroy();
        resolve(summary());
      }
    }
    function fire(due) {
      const r = setupRequest({});
      let settled = false;
      const settle = (outcome) => {
        if (settled) return;
        settled = true;
        if (outcome) counts[outcome]++;
        finished();
      };
      open++;
      const req = http.request({ host: url.hostname, port: url.port, path: r.path, method: r.method, agent,
        headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode < 200 || res.statusCode > 299) return settle('non2xx');
          if (!verifyBody(text)) return settle('mismatches');
          latencies.push(performance.now() - due);
          settle(null);
        });
        res.on('error', () => settle('errors'));
      });
      req.setTimeout(30000, () => { settle('timeouts'); req.destroy(); });
      req.on('error', () => settle('errors'));
      req.end(r.body);
    }
    function summary() {
      latencies.sort((a, b) => a - b);
      const at = (q) => latencies.length === 0 ? null
        : +latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)].toFixed(1);
      return { requests: { total: latencies.length + counts.non2xx + counts.mismatches },
        latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) }, ...counts };
    }
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(Math.floor(elapsed / interval), Math.floor(seconds * plan.rate));
      for (; issued < due; issued++) fire(start + issued * interval);
      if (elapsed >= seconds * 1000) {
        clearInterval(timer);
        stopped = true;
        if (open === 0) resolve(summary());
      }
    }, 1);
  });
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
