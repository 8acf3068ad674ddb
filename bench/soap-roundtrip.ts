// npm run bench:soap — getPaymentStatus round trips on loopback: our typed client vs the
// same envelope sent by a bare node:http POST. Prints median, p99, their ratio and the
// client's CPU per call. The server runs in a child process so its CPU is not counted.
// Targets (issue 2 §6): client ≤ 2× the bare POST, ≤ 1 ms CPU per call.
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const N = Number(process.env.BENCH_N ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const NS = 'http://external.interfaces.ers.seamless.com/';
const SIM_CANDIDATES = ['index', 'server', 'simulator'].map((n) => new URL(`../src/simulator/${n}.ts`, import.meta.url));

const CANNED =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  `<ns2:getPaymentStatusResponse xmlns:ns2="${NS}"><return><resultCode>0</resultCode>` +
  '<resultDescription>SUCCESS</resultDescription><status>ISSUED</status><version>1</version>' +
  '</return></ns2:getPaymentStatusResponse></soap:Body></soap:Envelope>';

// ---- child: the server side ----
async function serve(): Promise<void> {
  const sim = SIM_CANDIDATES.find((u) => existsSync(fileURLToPath(u)));
  if (sim) {
    const mod = (await import(sim.href)) as { startSimulator?: (o: object) => Promise<{ url: string; soapUrl: string }> };
    if (mod.startSimulator) {
      const s = await mod.startSimulator({ port: 0, dbFile: ':memory:' });
      process.stdout.write(JSON.stringify({ kind: 'simulator', url: s.url, soapUrl: s.soapUrl }) + '\n');
      return;
    }
  }
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(CANNED));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(JSON.stringify({ kind: 'canned node:http server', soapUrl: `http://127.0.0.1:${port}/soap/merchant/cashregister-2` }) + '\n');
}

// ---- parent: the client side ----
function startChild(): Promise<{ child: ChildProcess; info: { kind: string; url?: string; soapUrl: string } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, info: JSON.parse(line) });
    });
    child.on('exit', (c) => reject(new Error(`bench server exited with ${c}`)));
  });
}

async function postJson(url: string, body: object): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

function stats(ms: number[]): { median: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] };
}

async function main(): Promise<void> {
  const { createGlaseClient } = await import('../src/glase/client.js');
  const { resellerPrincipal, terminalPrincipal } = await import('../src/glase/context.js');
  const { child, info } = await startChild();
  try {
    const client = await createGlaseClient({ endpoint: info.soapUrl, timeoutMs: 5000 });
    let p = terminalPrincipal('0123456789abcdef0123456789abcdef', 'bench-pass');
    let ref = '1';
    if (info.kind === 'simulator' && info.url) {
      // a real terminal with an open invoice, so each call does the simulator's full work
      const r = await postJson(`${info.url}/simulator/resellers`, { resellerId: 'bench_shop', userId: '9900', password: 'bench-reseller' });
      if (r.status !== 201) throw new Error(`creating the reseller failed: ${r.status} ${r.text}`);
      const reg = await client.registerTerminal(resellerPrincipal('bench_shop', '9900', 'bench-reseller'), { externalTerminalId: 'bench', password: 'bench-pass', name: 'Bench' });
      if (!reg.ok) throw new Error(`registerTerminal: ${reg.name}`);
      p = terminalPrincipal(reg.terminalId, 'bench-pass');
      const inv = await client.sendInvoice(p, { paymentMode: 'IMMEDIATE_DEBIT', acknowledgmentMode: 'NO_ACKNOWLEDGMENT', title: 'Bench', totalAmount: { minor: 1000, currency: 'SEK' } });
      if (!inv.ok) throw new Error(`sendInvoice: ${inv.name}`);
      ref = inv.invoiceReference;
    }
    const first = await client.getPaymentStatus(p, ref, 0);
    if (!first.ok) throw new Error(`getPaymentStatus: ${first.name}`);

    // capture the exact envelope the client sends, for the bare POST
    const envelope = await captureEnvelope(p, ref);
    const target = new URL(info.soapUrl);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const bare = () =>
      new Promise<string>((resolve, reject) => {
        const body = Buffer.from(envelope);
        const req = http.request(
          { hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
            headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', 'Content-Length': body.length } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const check = await bare();
    if (!check.includes('<resultCode>0</resultCode>')) throw new Error(`bare POST did not succeed: ${check.slice(0, 300)}`);
    const viaClient = () => client.getPaymentStatus(p, ref, 0);

    // Alternate blocks of calls (bare, client, bare, …) so that load from other processes
    // hits both alike; CPU is this process's CPU over each block (per-call readings would
    // charge one side's trailing work, such as GC, to the other).
    for (let i = 0; i < WARMUP; i++) {
      await bare();
      await viaClient();
    }
    const b = { ms: [] as number[], cpu: 0 };
    const c = { ms: [] as number[], cpu: 0 };
    const block = async (acc: typeof b, fn: () => Promise<unknown>, n: number) => {
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fn();
        acc.ms.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpu0);
      acc.cpu += (cpu.user + cpu.system) / 1000;
    };
    const ROUNDS = 10;
    for (let r = 0; r < ROUNDS; r++) {
      await block(b, bare, N / ROUNDS);
      await block(c, viaClient, N / ROUNDS);
    }
    const bs = { ...stats(b.ms), cpuMs: b.cpu / N };
    const cs = { ...stats(c.ms), cpuMs: c.cpu / N };
    const f = (x: number) => x.toFixed(3);
    console.log(`server: ${info.kind} (child process); ${N} calls each, sequential, in alternating blocks of ${N / 10}`);
    console.log(`bare node:http POST    median ${f(bs.median)} ms  p99 ${f(bs.p99)} ms  cpu/call ${f(bs.cpuMs)} ms`);
    console.log(`glase client           median ${f(cs.median)} ms  p99 ${f(cs.p99)} ms  cpu/call ${f(cs.cpuMs)} ms`);
    console.log(`ratio client/bare      median ${(cs.median / bs.median).toFixed(2)}x  p99 ${(cs.p99 / bs.p99).toFixed(2)}x   (target ≤ 2x)`);
    console.log(`client cpu per call    ${f(cs.cpuMs)} ms   (target ≤ 1 ms)`);
    agent.destroy();
    await client.close();
  } finally {
    child.kill();
  }
}

/** Runs one getPaymentStatus against a throwaway server that records the request body. */
async function captureEnvelope(p: import('../src/glase/types.js').Principal, ref: string): Promise<string> {
  let body = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      body = Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end(CANNED);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const { createGlaseClient } = await import('../src/glase/client.js');
  const c = await createGlaseClient({ endpoint: `http://127.0.0.1:${port}/`, timeoutMs: 5000 });
  await c.getPaymentStatus(p, ref, 0);
  await c.close();
  server.close();
  return body;
}

if (process.argv.includes('--serve')) void serve();
else main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
