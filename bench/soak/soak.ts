// Soak (figures, not pass/fail): does the daemon stay flat over many payments? The real
// daemon runs as a child process in the production shape (dist/, a TCP printer, a serial
// scanner on a pty, Glase at a URL), the simulator in a process of its own. Payments go
// through the local API (state from its SSE stream) and the simulator's customer endpoint,
// with faults from /simulator/faults: dropped and delayed polls, 90 and 94 answers, and a
// cancel every 20th payment. After 100 payments and every 1,000 it prints RSS and heap used
// after a forced GC (bench/soak/probe.mjs, preloaded only here), the sizes of the database
// and receipts.jsonl and the simulator's RSS; at the end the slope in bytes per payment and
// payments per second, and it checks that every payment ended completed or cancelled and
// that receipts.jsonl has each completed payment exactly once.
// Targets (issue 11): heap after GC grows ≤ 5 % over 10,000 payments, RSS ≤ 90 MB,
// survives --max-old-space-size=48; with --retention-hours 1 the database stays flat.
// Run: npm run bench:soak -- --payments 1000 [--poll-ms 50] [--max-old-space MB] [--tsx]
//      [--node-flags "--max-semi-space-size=1"]
//      [--snapshots DIR] (heap snapshots after 100 payments and at the end, for comparing)
//      [--retention-hours H] [--keep]
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrinterEmulator } from '../../drivers/virtual/printer-emulator.js';
import { startScannerEmulator } from '../../drivers/virtual/scanner-emulator.js';
import { cliArgs, probeMemory, probeSnapshot, startChild, stopChild, type Child, type Memory } from './processes.js';
import { EventStream } from './events.js';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const num = (name: string, d: number) => (opt(name) === undefined ? d : Number(opt(name)));
const N = num('payments', 1000);
const POLL_MS = num('poll-ms', 50);
const MAX_OLD = opt('max-old-space');
/** more node flags for the daemon, e.g. "--max-semi-space-size=1" (what systemd/glase-pos.service sets) */
const NODE_FLAGS = (opt('node-flags') ?? '').split(' ').filter(Boolean);
const RETENTION_H = opt('retention-hours');
const SNAPSHOTS = opt('snapshots');
const KEEP = argv.includes('--keep');
const cli = cliArgs(argv.includes('--tsx'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = (b: number) => (b / 1048576).toFixed(1);

function fileSize(...files: string[]): number {
  return files.reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
}
function configFile(dir: string, config: unknown): string {
  const f = join(dir, 'config.json');
  writeFileSync(f, JSON.stringify(config));
  return f;
}
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-soak-'));
  const dataDir = join(dir, 'data');
  const env = { ...process.env, NO_COLOR: '1', GLASE_POS_DEMO: '' };
  console.log(`soak: ${N} payments, poll ${POLL_MS} ms, daemon ${cli.shape}${MAX_OLD ? `, --max-old-space-size=${MAX_OLD}` : ''}${NODE_FLAGS.length ? ` ${NODE_FLAGS.join(' ')}` : ''}${RETENTION_H ? `, retention ${RETENTION_H} h` : ''}; data in ${dir}`);

  const sim = startChild(cli.args, ['simulator', '--port', '0', '--db', join(dir, 'simulator.sqlite')], env);
  children.push(sim);
  const simUrl = (await sim.line(/simulator listening on (\S+)/))[1];
  const ctl = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(simUrl + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };
  await ctl('POST', '/simulator/resellers', { resellerId: 'soak', userId: '9900', password: 'soak-pw' });

  const printer = await startPrinterEmulator();
  const scanner = await startScannerEmulator();
  const daemonEnv = {
    ...env,
    GLASE_POS__DATA_DIR: dataDir,
    GLASE_POS__GLASE__URL: `${simUrl}/soap/merchant/cashregister-2`,
    GLASE_POS__API__PORT: '0',
    GLASE_POS__PRINTER__KIND: 'tcp',
    GLASE_POS__PRINTER__HOST: '127.0.0.1',
    GLASE_POS__PRINTER__PORT: String(printer.port),
    GLASE_POS__SCANNER__KIND: 'serial',
    GLASE_POS__SCANNER__PATH: scanner.path,
    GLASE_POS__PAYMENT__POLL_INTERVAL_MS: String(POLL_MS),
    // a fraction of a day goes through a config file (the environment takes whole numbers)
    ...(RETENTION_H ? { GLASE_POS_CONFIG: configFile(dir, { retention: { fullDays: Number(RETENTION_H) / 24, legalYears: Number(RETENTION_H) / 24 / 365, intervalMs: 10_000 } }) } : {}),
  };
  const once = async (args: string[]) => {
    const c = startChild(cli.args, args, daemonEnv);
    const code = await c.exited;
    if (code !== 0) throw new Error(`glase-pos ${args.join(' ')} failed (${code}):\n${c.tail.join('\n')}`);
  };
  const reg = startChild(cli.args, ['register', '--reseller', 'soak', '--user', '9900'], { ...daemonEnv, GLASE_RESELLER_PASSWORD: 'soak-pw' });
  if ((await reg.exited) !== 0) throw new Error(`register failed:\n${reg.tail.join('\n')}`);
  await once(['assign-id', 'SOAK1']);

  const daemon = startChild(cli.args, ['daemon'], daemonEnv, [...NODE_FLAGS, ...(MAX_OLD ? [`--max-old-space-size=${MAX_OLD}`] : [])], true);
  children.push(daemon);
  const apiUrl = (await daemon.line(/till ready .*api=(\S+)/))[1];
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(apiUrl + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };
  const events = await EventStream.open(`${apiUrl}/api/events`);
  await sleep(500); // idle after start
  const idle = await probeMemory(daemon);
  console.log(`daemon idle after start: RSS ${MB(idle.rss)} MB, heap used ${MB(idle.heapUsed)} MB; simulator RSS ${MB(rssOf(sim.proc.pid!))} MB`);

  const samples: Array<{ n: number; m: Memory; at: number; simRss: number }> = [];
  const outcomes = new Map<string, number>();
  const ersRefs: string[] = [];
  const phase = { live: 0, final: 0 };
  const t0 = performance.now();
  const sample = async (n: number) => {
    const m = await probeMemory(daemon);
    const s = { n, m, at: performance.now(), simRss: rssOf(sim.proc.pid!) };
    const prev = samples[samples.length - 1];
    samples.push(s);
    const rate = prev ? ((n - prev.n) / ((s.at - prev.at) / 1000)).toFixed(1) : '';
    console.log(
      `${String(n).padStart(6)} payments  RSS ${MB(m.rss).padStart(6)} MB  heap ${MB(m.heapUsed).padStart(5)}/${MB(m.heapTotal).padStart(5)} MB  external ${MB(m.external).padStart(5)} MB  ` +
        `db ${MB(fileSize(join(dataDir, 'glase-pos.sqlite'), join(dataDir, 'glase-pos.sqlite-wal'))).padStart(6)} MB  receipts.jsonl ${MB(fileSize(join(dataDir, 'receipts.jsonl'))).padStart(5)} MB  ` +
        `simulator RSS ${MB(s.simRss).padStart(6)} MB  simulator.sqlite ${MB(fileSize(join(dir, 'simulator.sqlite'), join(dir, 'simulator.sqlite-wal'))).padStart(5)} MB${rate ? `  ${rate} payments/s` : ''}`,
    );
  };
  if (SNAPSHOTS) console.log(`heap snapshot: ${await probeSnapshot(daemon, join(SNAPSHOTS, 'soak-0.heapsnapshot'))}`);

  for (let i = 1; i <= N; i++) {
    let started = await api('POST', '/api/payments', { amount: 100 + (i % 900), title: `soak ${i}` });
    // a heap snapshot stalls the daemon long enough for a printer status query to time out:
    // wait until it is ready again, as a cashier would
    for (let tries = 0; started.status === 409 && tries < 300; tries++) {
      await sleep(100);
      if ((await api('GET', '/api/readiness')).body.ready) started = await api('POST', '/api/payments', { amount: 100 + (i % 900), title: `soak ${i}` });
    }
    if (started.status !== 201) throw new Error(`payment ${i} refused: ${JSON.stringify(started.body)}`);
    const id = started.body.paymentId as string;
    const tStart = performance.now();
    await events.waitFor(id, (v) => v.state.startsWith('live') || v.final);
    phase.live += performance.now() - tStart;
    // faults on the polls while the customer pays: each must be ridden out, never lose a payment
    if (i % 7 === 1) await ctl('POST', '/simulator/faults', { operation: 'getPaymentStatus', drop: true, times: 1 });
    if (i % 11 === 2) await ctl('POST', '/simulator/faults', { operation: 'getPaymentStatus', delayMs: 300, times: 1 });
    if (i % 13 === 3) await ctl('POST', '/simulator/faults', { operation: 'getPaymentStatus', resultCode: 90, times: 1 });
    if (i % 17 === 4) await ctl('POST', '/simulator/faults', { operation: 'getPaymentStatus', resultCode: 94, times: 1 });
    if (i % 20 === 0) {
      const c = await api('POST', `/api/payments/${id}/cancel`);
      if (c.status >= 300) throw new Error(`cancel of payment ${i} refused: ${JSON.stringify(c.body)}`);
    } else {
      for (let tries = 0; ; tries++) {
        const paid = await ctl('POST', '/simulator/customer/pay', { glaseId: 'SOAK1' });
        if (paid.status === 200) break;
        if (tries > 200) throw new Error(`payment ${i}: the customer could not pay: ${JSON.stringify(paid.body)}`);
        await sleep(20);
      }
    }
    const tPay = performance.now();
    const end = await events.waitFor(id, (v) => v.final, 120_000);
    phase.final += performance.now() - tPay;
    outcomes.set(end.outcome, (outcomes.get(end.outcome) ?? 0) + 1);
    if (end.outcome === 'completed') ersRefs.push(end.ersReference);
    else if (end.outcome !== 'cancelled') console.log(`payment ${i} ended ${end.outcome}: ${end.message}`);
    events.forget(id);
    if (i === 100 || i % 1000 === 0 || i === N) await sample(i);
    if (SNAPSHOTS && (i === 100 || i === N)) console.log(`heap snapshot: ${await probeSnapshot(daemon, join(SNAPSHOTS, `soak-${i}.heapsnapshot`))}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  await ctl('DELETE', '/simulator/faults');

  // receipts.jsonl holds each completed payment's post exactly once
  await sleep(200);
  const lines = readFileSync(join(dataDir, 'receipts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind?: string; ersReference?: string });
  const inFile = new Map<string, number>();
  for (const l of lines) if (l.ersReference) inFile.set(l.ersReference, (inFile.get(l.ersReference) ?? 0) + 1);
  const lost = ersRefs.filter((r) => !inFile.has(r));
  const doubled = [...inFile].filter(([, c]) => c > 1).map(([r]) => r);
  const unexpected = [...outcomes.keys()].filter((o) => o !== 'completed' && o !== 'cancelled');

  const first = samples[0];
  const last = samples[samples.length - 1];
  const from1k = samples.find((s) => s.n >= 1000 && s !== last) ?? first;
  const slope = (a: typeof first, b: typeof first, k: 'rss' | 'heapUsed') => ((b.m[k] - a.m[k]) / Math.max(1, b.n - a.n)).toFixed(0);
  console.log(`\n${N} payments in ${seconds.toFixed(0)} s: ${(N / seconds).toFixed(1)} payments/s; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
  console.log(`per payment: start → live ${(phase.live / N).toFixed(0)} ms, paid or cancelled → final ${(phase.final / N).toFixed(0)} ms`);
  console.log(`heap after GC: ${MB(first.m.heapUsed)} MB after ${first.n} → ${MB(last.m.heapUsed)} MB after ${last.n} (${(((last.m.heapUsed - first.m.heapUsed) / first.m.heapUsed) * 100).toFixed(1)} %; target ≤ 5 %)`);
  console.log(`slope: heap ${slope(first, last, 'heapUsed')} B/payment, RSS ${slope(first, last, 'rss')} B/payment (from ${first.n}); from ${from1k.n}: heap ${slope(from1k, last, 'heapUsed')} B/payment, RSS ${slope(from1k, last, 'rss')} B/payment`);
  console.log(`RSS max ${MB(Math.max(...samples.map((s) => s.m.rss)))} MB (target ≤ 90 MB); idle ${MB(idle.rss)} MB`);
  console.log(`check: ${ersRefs.length} completed, ${lines.length} lines in receipts.jsonl, lost ${lost.length}, doubled ${doubled.length}, other outcomes ${unexpected.length ? unexpected.join(', ') : 'none'}`);
  if (lost.length || doubled.length || unexpected.length) process.exitCode = 1;

  events.close();
  const code = await stopChild(daemon);
  if (code !== 0) console.log(`daemon exited ${code}:\n${daemon.tail.join('\n')}`);
  await stopChild(sim);
  await printer.close();
  await scanner.close();
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}

const children: Child[] = [];
main().catch((e) => {
  console.error(e);
  for (const c of children) c.proc.kill('SIGKILL');
  process.exit(1);
});
