// Receipt benchmarks (figures, not pass/fail):
//  1. layout: TransactionPost → ESC/POS bytes, per receipt (target ≤ 1 ms)
//  2. enqueue → last receipt byte at the printer emulator over TCP, through the durable queue
//     (real SQLite, synchronous=FULL) and the status checks before the job (target ≤ 100 ms)
// Run: npm run bench:receipt [-- --n 2000 --jobs 50]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Printer } from '../drivers/printer/printer.js';
import { TcpTransport } from '../drivers/printer/tcp-transport.js';
import { startPrinterEmulator } from '../drivers/virtual/printer-emulator.js';
import { Spooler } from '../src/printing/spooler.js';
import { receiptBytes } from '../src/printing/escpos.js';
import { openStore } from '../src/store/store.js';
import { layout42, samplePost } from '../test/fixtures/receipts/sample.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 2000);
const JOBS = arg('jobs', 50);
const ref = (i: number) => String(i).padStart(25, '0');

function stats(label: string, ms: number[], target: number) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const f = (x: number) => x.toFixed(3);
  console.log(`${label}: n=${s.length} mean=${f(mean)} ms median=${f(q(0.5))} ms p99=${f(q(0.99))} ms max=${f(s[s.length - 1])} ms (target ≤ ${target} ms)`);
}

// 1. layout
for (let i = 0; i < 200; i++) receiptBytes(samplePost({ ersReference: ref(i) }), layout42, { copy: i % 2 === 1 });
const layoutMs: number[] = [];
let bytes = 0;
for (let i = 0; i < N; i++) {
  const post = samplePost({ ersReference: ref(i), amount: 100 + i });
  const t0 = performance.now();
  const b = receiptBytes(post, layout42, { copy: i % 10 === 0 });
  layoutMs.push(performance.now() - t0);
  bytes += b.length;
}
stats('receipt layout → ESC/POS bytes', layoutMs, 1);
console.log(`  (${Math.round(bytes / N)} bytes per receipt, 42 columns)`);

// 2. enqueue → last byte at the emulator
const dir = mkdtempSync(join(tmpdir(), 'glase-bench-'));
const store = openStore(dir);
const emu = await startPrinterEmulator({ columns: 42 });
const printer = new Printer(new TcpTransport({ host: emu.host, port: emu.port }));
const spooler = new Spooler({ queue: store.printQueue, printer, layout: layout42 });
await printer.check(); // connect once, as the running till is connected
const e2e: number[] = [];
for (let i = 0; i < JOBS; i++) {
  const done = new Promise<number>((resolve) => emu.core.once('document', () => resolve(performance.now())));
  const t0 = performance.now();
  spooler.enqueue(samplePost({ ersReference: ref(1_000_000 + i) }));
  e2e.push((await done) - t0);
  await spooler.kick(); // let the status-after finish before the next one
}
stats('enqueue → last receipt byte at the emulator (TCP)', e2e, 100);
await spooler.stop();
await printer.close();
await emu.close();
store.close();
rmSync(dir, { recursive: true, force: true });
