// One of bench/sim-load.ts's load generators, in a worker thread (plain JS: no loader in the
// worker): polls its share of the tills once a second each over keep-alive connections and
// sends back the round trips. The main thread sends {i, body} when a till's invoice changes.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { target, tills, offset, total, end } = workerData;
const url = new URL(target);
const bodies = tills.map((t) => t.body);
const agent = new http.Agent({ keepAlive: true, maxSockets: tills.length, noDelay: true });
const ms = [];
let failed = 0;
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
      await poll(k);
      next += 1000;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }),
);
agent.destroy();
parentPort.postMessage({ ms, failed, seconds: (Date.now() - startAt) / 1000 });
