// Simulator capacity (figures, not pass/fail): the simulator in its own process (`glase-pos
// simulator`, dist/ when built) carries --terminals tills, each registered, with a Glase ID
// and an open invoice, each polling getPaymentStatus once a second (spread over the second)
// over keep-alive connections for --seconds; meanwhile customers pay a till's invoice every
// --pay-ms and that till sends a new one. Prints both sides apart: the server (time per poll
// as the simulator logs it, its CPU share from /proc/<pid>/stat, RSS) and the client (round
// trip p50/p99/max, polls that failed), and the load generator's own health (event-loop
// delay of its worker threads, how late polls left against their schedule, its CPU share)
// with the load average, so a client p99 the generator caused is named as such. Target
// (issue 11): p99 ≤ 50 ms for 1,000 tills on 2 cores.
// Run: npm run bench:sim-load [-- --terminals 1000 --seconds 60 --pay-ms 200 --workers 4] [--tsx]
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGlaseClient } from '../src/glase/client.js';
import { createHash } from 'node:crypto';
import { clientContext, terminalPrincipal } from '../src/glase/context.js';
import { scryptHash } from '../src/lib/scrypt-hash.js';
import { SimStore } from '../src/simulator/store.js';
import { requestXml } from '../src/glase/request-xml.js';
import { cliArgs, startChild } from './soak/processes.js';

const argv = process.argv.slice(2);
const num = (name: string, d: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const TERMINALS = num('terminals', 1000);
const SECONDS = num('seconds', 60);
const PAY_MS = num('pay-ms', 200);
const WORKERS = num('workers', 4);
const cli = cliArgs(argv.includes('--tsx'));
const CTX = { channel: 'WS', clientId: 'sim-load' };

function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { p50: q(0.5), p99: q(0.99), max: s[s.length - 1] ?? NaN, n: s.length };
}
function stats(xs: number[]) {
  const { p50, p99, max, n } = quantiles(xs);
  return `p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${max.toFixed(1)} ms  (n ${n})`;
}
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** utime + stime of a process, in seconds */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}
function rssMB(pid: number): string {
  return (Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024).toFixed(1);
}
const envelope = (body: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-load-'));
  const serverMs: number[] = [];
  let payErrors = 0;
  const dbFile = join(dir, 'simulator.sqlite');
  // set-up: the tills as registerTerminal + assignSeqrId leave them, written into the
  // simulator's own store before it starts (1,000 registrations would each check the
  // reseller's scrypt hash); then each till opens an invoice with sendInvoice over SOAP
  const tills: Array<{ glaseId: string; principal: ReturnType<typeof terminalPrincipal>; invoice: string; body: string }> = [];
  console.log(`setting up ${TERMINALS} tills…`);
  const t0 = performance.now();
  const seed = new SimStore(dbFile);
  seed.saveReseller({ id: 'load', userId: '9900', passwordHash: scryptHash('load-pw'), currency: 'SEK', name: 'load', blocked: false, refundsAllowed: true, payerRefundsAllowed: true });
  seed.atomically(() => {
    for (let i = 0; i < TERMINALS; i++) {
      const id = createHash('md5').update(`load-${i}`).digest('hex');
      seed.saveTerminal({ id, resellerId: 'load', externalTerminalId: `load-${i}`, name: `till ${i}`, password: `pw-${i}-xyz`, seqrId: `LOAD${i}`, blocked: false, unregistered: false, registeredAt: Date.now() });
      tills.push({ glaseId: `LOAD${i}`, principal: terminalPrincipal(id, `pw-${i}-xyz`), invoice: '', body: '' });
    }
  });
  seed.close();
  const sim = startChild(cli.args, ['simulator', '--port', '0', '--db', dbFile, '--reversal-ms', '600000'], { ...process.env, NO_COLOR: '1' });
  process.once('exit', () => sim.proc.kill('SIGKILL'));
  const url = (await sim.line(/simulator listening on (\S+)/))[1];
  const soapUrl = `${url}/soap/merchant/cashregister-2`;
  const ctl = async (path: string, body: unknown): Promise<number> => {
    let r: Response;
    try {
      r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch {
      payErrors++;
      return 0; // a reset keep-alive socket: this customer tries the next till
    }
    if (r.status !== 200) console.log(`${path}: ${r.status} ${await r.text()}`);
    return r.status;
  };
  const glase = await createGlaseClient({ endpoint: soapUrl, timeoutMs: 60_000 });
  const newInvoice = async (t: { principal: ReturnType<typeof terminalPrincipal> }) => {
    const r = await glase.sendInvoice(t.principal, { title: 'load', totalAmount: { minor: 100, currency: 'SEK' }, acknowledgmentMode: 'NO_ACKNOWLEDGMENT' });
    if (!r.ok) throw new Error(`sendInvoice: ${r.code}`);
    return r.invoiceReference;
  };
  const pollBody = (p: ReturnType<typeof terminalPrincipal>, invoice: string) => envelope(requestXml('getPaymentStatus', { context: clientContext(p, CTX), invoiceReference: invoice, invoiceVersion: 0 }));
  for (const t of tills) {
    t.invoice = await newInvoice(t);
    t.body = pollBody(t.principal, t.invoice);
  }
  console.log(`set up in ${((performance.now() - t0) / 1000).toFixed(0)} s; simulator RSS ${rssMB(sim.proc.pid!)} MB`);

  // the simulator logs every SOAP call with its server time
  const onLine = (l: string) => {
    if (l.includes('operation=getPaymentStatus')) serverMs.push(Number(/ ms=([\d.]+)/.exec(l)?.[1] ?? NaN));
  };
  const { createInterface } = await import('node:readline');
  createInterface({ input: sim.proc.stdout! }).on('line', onLine);

  // the load generators run in worker threads: one event loop could not keep 1,000 tills on
  // time on a busy machine (its own lag showed up as the simulator's latency)
  serverMs.length = 0;
  const clientMs: number[] = [];
  const lateMs: number[] = [];
  const loops: Array<{ p50: number; p99: number; max: number }> = [];
  let failed = 0;
  let paid = 0;
  const load0 = loadavg();
  const cpu0 = cpuSeconds(sim.proc.pid!);
  const gen0 = process.cpuUsage();
  const w0 = performance.now();
  const endWall = Date.now() + SECONDS * 1000;
  const end = w0 + SECONDS * 1000;
  const per = Math.ceil(TERMINALS / WORKERS);
  const workers = Array.from({ length: WORKERS }, (_, w) => {
    const slice = tills.slice(w * per, (w + 1) * per);
    return new Worker(new URL('./sim-load-poller.mjs', import.meta.url), { workerData: { target: soapUrl, tills: slice.map((t) => ({ body: t.body })), offset: w * per, total: TERMINALS, end: endWall } });
  });
  const results = workers.map((wk) => new Promise<void>((resolve, reject) => {
    wk.once('message', (m: { ms: number[]; lateMs: number[]; failed: number; loopMs: { p50: number; p99: number; max: number } }) => {
      clientMs.push(...m.ms);
      lateMs.push(...m.lateMs);
      loops.push(m.loopMs);
      failed += m.failed;
      resolve();
    });
    wk.once('error', reject);
  }));
  // payments meanwhile: a customer pays one till's invoice, that till opens the next
  const payer = (async () => {
    let k = 0;
    while (performance.now() < end - PAY_MS) {
      const t = tills[k++ % tills.length];
      if ((await ctl('/simulator/customer/pay', { glaseId: t.glaseId })) === 200) paid++;
      // a reused keep-alive socket the server just closed resets: the till sends again
      for (let tries = 0; ; tries++) {
        try {
          t.invoice = await newInvoice(t);
          break;
        } catch (e) {
          if (tries >= 3) throw e;
          payErrors++;
        }
      }
      t.body = pollBody(t.principal, t.invoice);
      const at = tills.indexOf(t);
      workers[Math.floor(at / per)].postMessage({ i: at, body: t.body });
      await new Promise((r) => setTimeout(r, PAY_MS));
    }
  })();
  await Promise.all([...results, payer]);
  // a worker listens for invoice changes for ever: end them, or the bench never exits
  await Promise.all(workers.map((w) => w.terminate()));
  const wall = (performance.now() - w0) / 1000;
  const cpu = cpuSeconds(sim.proc.pid!) - cpu0;
  const gen = process.cpuUsage(gen0);
  const load1 = loadavg();
  await new Promise((r) => setTimeout(r, 300));

  const server = quantiles(serverMs.filter(Number.isFinite));
  const client = quantiles(clientMs);
  const loopP99 = Math.max(...loops.map((l) => l.p99));
  const verdict = (p99: number) => (p99 <= 50 ? 'target met' : 'target NOT met');
  console.log(`${TERMINALS} tills polling at 1 Hz for ${SECONDS} s over keep-alive, ${paid} payments meanwhile (${payErrors} control or sendInvoice calls reset and retried; node ${process.version}, simulator from ${cli.shape})`);
  console.log(`load average ${load0} at the start, ${load1} at the end (${WORKERS} generator threads, the simulator and everything else on this machine share its cores)`);
  console.log('SERVER (the simulator process)');
  console.log(`  time per getPaymentStatus:  ${stats(serverMs.filter(Number.isFinite))}   p99 ≤ 50 ms: ${verdict(server.p99)}`);
  // CPU per poll (payments included) says what 1,000 tills need on an idle machine
  const perPoll = (cpu * 1000) / Math.max(1, clientMs.length);
  console.log(`  CPU ${((cpu / wall) * 100).toFixed(0)} % of one core, RSS ${rssMB(sim.proc.pid!)} MB; ${perPoll.toFixed(2)} ms CPU per poll, so ${TERMINALS} tills at 1 Hz need ${((perPoll * TERMINALS) / 10).toFixed(0)} % of one core`);
  console.log('CLIENT (the load generator)');
  console.log(`  round trip:                 ${stats(clientMs)}   p99 ≤ 50 ms: ${verdict(client.p99)}`);
  console.log(`  polls ${clientMs.length} (${(clientMs.length / wall).toFixed(0)}/s of ${TERMINALS}/s planned), failed ${failed}`);
  console.log(`  polls left late against their schedule: ${stats(lateMs)}`);
  console.log(`  event-loop delay of the generator threads: p99 ${loopP99.toFixed(1)} ms, max ${Math.max(...loops.map((l) => l.max)).toFixed(1)} ms; generator CPU ${(((gen.user + gen.system) / 1e6 / wall) * 100).toFixed(0)} % of one core`);
  if (client.p99 > 50) {
    // a round trip includes the generator's own queueing, which its event-loop delay shows
    // (late departures follow from slow round trips, so they are not counted as its own lag)
    const cores = cpus().length;
    const load = Number(load1.split(' ')[0]);
    const simCpu = ((cpu / wall) * 100).toFixed(0);
    console.log(loopP99 >= client.p99 / 2
      ? `  => the client p99 is limited by the load generator: its own event loop lagged p99 ${loopP99.toFixed(0)} ms, against a server time p99 of ${server.p99.toFixed(1)} ms`
      : `  => neither the generator's own lag (event loop p99 ${loopP99.toFixed(0)} ms) nor the server's work (p99 ${server.p99.toFixed(1)} ms) explains the client p99: requests wait for the simulator to be scheduled at all (it got ${simCpu} % of one core)`);
    if (load > 2 * cores) console.log(`  => the machine is oversubscribed (load average ${load} on ${cores} cores): every process waits for a core, so this run cannot show the client p99 end to end`);
  }
  await glase.close();
  sim.proc.kill('SIGTERM');
  await sim.exited;
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
