// `glase-pos settle-outside` in real processes against the simulator (issue 10 §3): a payment
// left unfinished (the process was killed) is asked about live first; while Glase answers it
// is not closed (exit 1, it stays for recover); while getPaymentStatus gets no answer it is
// closed as settled outside the till (exit 0), audited and flagged (payments.state).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../../src/store/store.js';
import { settledOutsideOf } from '../../../src/till/index.js';
import { collect, control, registerTill, runCli, spawnCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos settle-outside');
let e: Env;
t.before(async () => {
  e = await startEnv();
  await registerTill(e.env, 'SETTLE1');
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

const withStore = <T>(fn: (s: ReturnType<typeof openStore>) => T): T => {
  const s = openStore(join(e.dir, 'data'));
  try {
    return fn(s);
  } finally {
    s.close();
  }
};

t('bad usage names the option', async () => {
  const r = await runCli(['settle-outside', 'nope', '--note', 'x'], e.env);
  assert.is(r.code, 2);
  assert.match(r.stderr, /<paymentId>/);
  const n = await runCli(['settle-outside', '00000000-0000-0000-0000-000000000000'], e.env);
  assert.is(n.code, 2);
  assert.match(n.stderr, /--note/);
  const none = await runCli(['settle-outside', 'abcdef12', '--note', 'x'], e.env);
  assert.is(none.code, 1);
  assert.match(none.stderr, /no journal rows for payment abcdef12/);
});

t('Glase answers: not settled (exit 1); unreachable: settled outside the till (exit 0), audited, flagged', async () => {
  const crash = await collect(spawnCli(['pay', '--amount', '7.00', '--json'], { ...e.env, GLASE_POS_TEST_CRASH_AT: 'live.window' }), '');
  assert.is(crash.signal, 'SIGKILL');
  const id = withStore((s) => s.payments.unfinished()[0]!.paymentId);

  const answered = await runCli(['settle-outside', id, '--note', 'customer paid cash'], e.env);
  assert.is(answered.code, 1, answered.stderr);
  assert.match(answered.stderr, /Glase answered, so the payment is not settled outside the till/);
  assert.is(withStore((s) => s.payments.unfinished().length), 1, 'still unfinished');

  assert.is((await control(e.sim, 'POST', '/simulator/faults', { operation: 'getPaymentStatus', drop: true, times: 10_000 })).status, 201);
  // the 8 characters status and journal show are enough when no other payment starts so
  const r = await runCli(['settle-outside', id.slice(0, 8), '--note', 'customer paid cash', '--json'], { ...e.env, GLASE_POS__GLASE__TIMEOUT_MS: '1000' });
  assert.is(r.code, 0, r.stderr + r.stdout);
  const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal([last.type, last.ok, last.payment.outcome], ['result', true, 'settledOutside']);
  withStore((s) => {
    assert.is(s.payments.unfinished().length, 0);
    assert.is(s.payments.get(id)!.state, 'settledOutside');
    assert.equal(settledOutsideOf(s).map((p) => [p.paymentId, p.amount, p.note]), [[id, 700, 'customer paid cash']]);
    assert.ok(s.audit.list(10).some((a) => a.action === 'settle-outside' && /^cli:/.test(a.actor)));
  });
  await control(e.sim, 'DELETE', '/simulator/faults');
  // status lists it until a day close has reconciled it
  const st = await runCli(['status', '--json'], e.env);
  assert.equal(JSON.parse(st.stdout).settledOutside.map((p: { paymentId: string; note: string }) => [p.paymentId, p.note]), [[id, 'customer paid cash']]);
  const text = await runCli(['status'], e.env);
  assert.match(text.stdout, /outside till +\S+ \(7\.00 SEK\): customer paid cash; the next day close reconciles them/);
});

t.run();
