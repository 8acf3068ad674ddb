// Refund figures (not pass/fail): over N refunds of one payment, the time from startRefund to
// the refund's states (refundPayment answered = refunded.recording; booked, printed and the
// receipt sent = completed), and how long "check unknown refunds now" takes for one refund in
// doubt (markTransactionPeriod, the documented first wait of 3 s, executeReport until ready).
// Real parts: the simulator on a loopback port, our SOAP client, a SQLite store
// (synchronous=FULL) in a temp dir, the till runtime with its real actors, in this one process.
// Run: npm run bench:refund [-- --n 30]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGlaseClient } from '../src/glase/client.js';
import { startSimulator } from '../src/simulator/index.js';
import { openStore } from '../src/store/store.js';
import { createTill, type RefundView } from '../src/till/index.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 30);
const LOGIN = { resellerId: 'bench', userId: '9900', password: 'bench-pw' };

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, min: r(s[0]), p50: r(q(0.5)), p90: r(q(0.9)), max: r(s[s.length - 1]) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-refund-'));
  const sim = await startSimulator({ port: 0 }); // reports ready 3 s after the mark (the default)
  const ctl = (method: string, path: string, body?: unknown) =>
    fetch(sim.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json() as any);
  await ctl('POST', '/simulator/resellers', LOGIN);
  const store = openStore(join(dir, 'data'));
  const glase = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 2_000 });
  const till = createTill({ store, glase, config: { payment: { pollIntervalMs: 200 } }, probeIntervalMs: 200 });
  try {
    await till.start();
    if (!(await till.register(LOGIN)).ok || !(await till.assignGlaseId('BENCHR1')).ok) throw new Error('set-up failed');
    const p = till.startPayment({ amount: 1_000_00 });
    if (!p.ok) throw new Error(p.message);
    while (till.payment(p.paymentId)?.state !== 'live.window') await new Promise((r) => setTimeout(r, 10));
    await ctl('POST', '/simulator/customer/pay', { glaseId: 'BENCHR1' });
    const paid = await till.waitForPayment(p.paymentId);

    const answered: number[] = [];
    const completed: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      let tAnswer = 0;
      const off = till.subscribe((e) => e.type === 'refund' && e.refund.state === 'refunded.recording' && !tAnswer && (tAnswer = performance.now()));
      const r = till.startRefund({ ersReference: paid.ersReference!, amount: 100 }, { by: 'bench' });
      if (!r.ok) throw new Error(r.message);
      const v: RefundView = await till.waitForRefund(r.refundId);
      off();
      if (v.outcome !== 'completed') throw new Error(v.message);
      answered.push(tAnswer - t0);
      completed.push(performance.now() - t0);
    }
    console.log('refund: startRefund → refundPayment answered (ms)', stats(answered));
    console.log('refund: startRefund → completed: booked, queued, receipt sent (ms)', stats(completed));

    // one refund in doubt: the reply is delayed past the client timeout
    await ctl('POST', '/simulator/faults', { operation: 'refundPayment', delayMs: 2_500, times: 1 });
    const u = till.startRefund({ ersReference: paid.ersReference!, amount: 100 }, { by: 'bench' });
    if (!u.ok) throw new Error(u.message);
    while (till.refund(u.refundId)?.state !== 'unknown') await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 1_000)); // the server applies it after the client gave up
    const c0 = performance.now();
    const check = await till.checkUnknownRefunds(LOGIN, 'bench');
    const checkMs = performance.now() - c0;
    const settled = await till.waitForRefund(u.refundId);
    console.log('check unknown refunds now (ms)', Math.round(checkMs), { complete: check.complete, applied: check.applied.length, outcome: settled.outcome });
  } finally {
    await till.stop();
    store.close();
    await glase.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
