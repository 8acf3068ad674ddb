// Crash test with real processes, the refund's booking steps: `glase-pos refund --json` gets
// Glase's answer and is killed with SIGKILL right after each journaled step of booking it
// (refunded.recording, refunded.printing, refunded.submitting; GLASE_POS_TEST_CRASH_AT). The
// restart (`glase-pos recover`) finishes the booking without sending the refund again: at the
// simulator the refund exists once, with one post, one receipt, one receipts.jsonl line.
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { collect, runCli, spawnCli, startEnv, type Env } from '../src/commands/_cli.js';
import { assertRefundedOnce, lines, paidTill, refundArgs, serverRefunds, type RefundTill } from './_refund-till.js';

const t = suite('refund crash: SIGKILL while booking, restart, exactly once');
let e: Env;
let till: RefundTill;

t.before(async () => {
  e = await startEnv();
  till = await paidTill(e.sim, 'RCRASHBOOK');
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
  rmSync(till.dir, { recursive: true, force: true });
});

const steps: Array<[string, number, string]> = [
  ['refund:refunded.recording', 101, '1.01'],
  ['refund:refunded.printing', 102, '1.02'],
  ['refund:refunded.submitting', 103, '1.03'],
];
for (const [step, minor, amount] of steps) {
  t(`killed at ${step}: recover books it once, never resends`, async () => {
    const dead = await collect(spawnCli(refundArgs(till, amount), { ...till.env, GLASE_POS_TEST_CRASH_AT: step }), '');
    assert.is(dead.signal, 'SIGKILL', `killed (${dead.stderr})`);
    assert.is((await serverRefunds(e.sim, till, minor)).length, 1, 'Glase refunded before the kill');
    const r = await runCli(['recover', '--json'], till.env);
    assert.is(r.code, 0, `recover: ${r.stderr}\n${r.stdout}`);
    const result = lines(r.stdout).find((x) => x.type === 'refund-result');
    assert.equal([result.outcome, result.recovered], ['completed', true]);
    // killed before the post was written: the restarted till writes it (marked recovered)
    await assertRefundedOnce(e.sim, till, minor, step === 'refund:refunded.recording');
  });
}

t.run();
