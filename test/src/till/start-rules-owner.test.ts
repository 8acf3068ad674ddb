// The start rules of a payment run in one place: the payment machine's `refused` state. The
// till passes what it knows into the machine and reads the refusal from it; it used to run the
// same rules itself first, so the machine's refused path was never reached in the running till.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT, sourceFiles } from '../../fakes/source-files.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';

const t = suite('start rules: one owner');
const root = REPO_ROOT;

t('only machines/ calls startRuleFailure', () => {
  const callers = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'machines'))]
    .filter((f) => /\bstartRuleFailure\s*\(/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
  assert.ok(callers.length > 0);
  assert.equal(callers.filter((f) => !f.startsWith('machines/')), [], 'start rules evaluated outside the payment machine');
});

t('a refusal read from the machine: every rule the till can meet, with nothing written or sent', async () => {
  let h: Harness | undefined;
  try {
    h = await makeTill({ registered: false });
    let r = h.till.startPayment({ amount: 100 });
    assert.equal(r.ok ? 'started' : r.rule, 'registered');
    r = h.till.startPayment({ amount: 0 });
    assert.equal(r.ok ? 'started' : r.rule, 'registered', 'rules in their order: the first failure names itself');
    assert.is(h.store.payments.recent().length, 0);
    assert.is(h.store.journal.recent().length, 0);
    assert.equal(h.glase.calls.filter((c) => c.op !== 'benchmarkingNop'), []);
  } finally {
    await h?.close();
  }
});

t.run();
