// Crash test with real processes, the refund's request: `glase-pos refund --json` is killed
// with SIGKILL with the reply lost before the kill, at the kill, and after it, and killed
// before the request left. The restart never resends: `glase-pos refund --check-unknown`
// reads the simulator's STD_RECON_007 and books the refund that went through, or finds the one
// that never left, which the admin then sends again (once). At the simulator each refund
// happens exactly once, with one post, one receipt and one receipts.jsonl line.
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { collect, control, jsonEvents, runCli, sleep, spawnCli, startEnv, until, type Env } from '../src/commands/_cli.js';
import { assertRefundedOnce, checkUnknown, lines, paidTill, refundArgs, serverRefunds, type RefundTill } from './_refund-till.js';

const t = suite('refund crash: SIGKILL around refundPayment, check, exactly once');
let e: Env;
let till: RefundTill;

t.before(async () => {
  e = await startEnv();
  // a 2-s client timeout: a reply the simulator delays by 3 s is lost
  till = await paidTill(e.sim, 'RCRASHUNK', { GLASE_POS__GLASE__TIMEOUT_MS: '2000' });
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
  rmSync(till.dir, { recursive: true, force: true });
});

const delayNext = (ms: number) => control(e.sim, 'POST', '/simulator/faults', { operation: 'refundPayment', delayMs: ms, times: 1 });

t('the reply is lost before the kill (in doubt, then killed): the check finds it and books it once', async () => {
  await delayNext(3_000);
  const dead = await collect(spawnCli(refundArgs(till, '2.01'), { ...till.env, GLASE_POS_TEST_CRASH_AT: 'refund:unknown' }), '');
  assert.is(dead.signal, 'SIGKILL', dead.stderr);
  await until(async () => (await serverRefunds(e.sim, till, 201)).length === 1, 10_000);
  const r = await checkUnknown(till);
  assert.equal([r.complete, r.applied.length, r.notApplied], [true, 1, []]);
  await assertRefundedOnce(e.sim, till, 201, true);
});

t('killed at the reply (refund-answered): the restart sees it in doubt; the check books it once', async () => {
  const dead = await collect(spawnCli(refundArgs(till, '2.02'), { ...till.env, GLASE_POS_TEST_CRASH_AT: 'refund-answered' }), '');
  assert.is(dead.signal, 'SIGKILL', dead.stderr);
  assert.is((await serverRefunds(e.sim, till, 202)).length, 1);
  const r = await checkUnknown(till);
  assert.equal([r.applied.length, r.notApplied], [1, []]);
  await assertRefundedOnce(e.sim, till, 202, true);
});

t('the reply is lost after the kill (killed while Glase works on it): the check books it once', async () => {
  await delayNext(1_500);
  const child = spawnCli(refundArgs(till, '2.03'), { ...till.env, GLASE_POS__GLASE__TIMEOUT_MS: '10000' });
  const done = collect(child, '');
  await jsonEvents(child).waitFor((x) => x.type === 'refund' && x.state === 'sending');
  await sleep(300); // the request is at the simulator, which answers only after 1.5 s
  child.kill('SIGKILL');
  assert.is((await done).signal, 'SIGKILL');
  await until(async () => (await serverRefunds(e.sim, till, 203)).length === 1, 10_000);
  const r = await checkUnknown(till);
  assert.equal([r.applied.length, r.notApplied], [1, []]);
  await assertRefundedOnce(e.sim, till, 203, true);
});

t('killed with `sending` journaled, before the request left: never happened; resent once by the admin', async () => {
  const dead = await collect(spawnCli(refundArgs(till, '2.04'), { ...till.env, GLASE_POS_TEST_CRASH_AT: 'refund:sending' }), '');
  assert.is(dead.signal, 'SIGKILL');
  assert.is((await serverRefunds(e.sim, till, 204)).length, 0, 'nothing reached Glase');
  // a restart alone does not send it again: it is in doubt
  const rec = await runCli(['recover', '--json'], till.env);
  assert.is(rec.code, 1, 'recover reports the refund still open');
  assert.is(lines(rec.stdout).find((x) => x.type === 'refund-result').state, 'unknown');
  assert.is((await serverRefunds(e.sim, till, 204)).length, 0);
  const r = await checkUnknown(till);
  assert.equal([r.complete, r.applied, r.notApplied.length], [true, [], 1]);
  const again = await runCli(['refund', '--resend', r.notApplied[0], '--json'], till.env);
  assert.is(again.code, 0, again.stderr + again.stdout);
  await assertRefundedOnce(e.sim, till, 204, false);
});

t.run();
