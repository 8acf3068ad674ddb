// One of bench/sim-load.ts's load generators, in a worker thread (plain JS: no loader in the
// worker): polls its share of the tills once a second each over keep-alive connections and
// sends back the round trips, how late each poll left against its schedule and this
// thread's event-loop delay (so the bench can tell the generator's own lag from the
// server's). The main thread sends {i, body} when a till's invoice changes.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { target, tills, offset, total, end } = workerData;
const url = new URL(target);
const bodies = tills.map((t) => t.body);
const agent = new http.Agent({ keepAlive: true, maxSockets: tills.length, noDelay: true });
const ms = [];
const lateMs = [];
let failed = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
parentPort.on('message', (m) => (bodies[m.i - offset] = m.body));

function poll(k) {
  return new Promise((resolve) => {
    const body = bodies[k];
    const started = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        ms.push(performance.now() - started);
        if (res.statusCode !== 200 || !text.includes('<resultCode>0</resultCode>')) failed++;
        resolve();
      });
    });
    req.on('error', () => {
      failed++;
      resolve();
    });
    req.end(body);
  });
}

const startAt = Date.now();
await Promise.all(
  bodies.map(async (_, k) => {
    // each till at its own phase of the second, across all workers
    await new Promise((r) => setTimeout(r, ((offset + k) / total) * 1000));
    let next = Date.now();
    while (Date.now() < end) {
      lateMs.push(Math.max(0, Date.now() - next));
      await poll(k);
      next += 1000;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }),
);
agent.destroy();
loop.disable();
const q = (p) => loop.percentile(p) / 1e6;
parentPort.postMessage({ ms, lateMs, failed, seconds: (Date.now() - startAt) / 1000, loopMs: { p50: q(50), p99: q(99), max: loop.max / 1e6 } });
