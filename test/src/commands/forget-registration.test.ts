// The re-register dead end with the real commands (issue 9): Glase forgets the terminal, pay
// fails with 29 and points to `forget-registration`; register refuses and unregister fails
// with 29, both pointing there too; forget-registration (offered only after the 29, audited)
// clears the local registration and register + assign-id work again.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../../src/store/store.js';
import { RESELLER, control, registerTill, runCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos forget-registration');
let e: Env;
t.before(async () => {
  e = await startEnv();
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

t('29 → forget-registration → register again', async () => {
  const old = await registerTill(e.env, 'FORGET1');
  const early = await runCli(['forget-registration', '--yes'], e.env);
  assert.is(early.code, 1, early.stderr);
  assert.match(early.stderr, /Glase has not said that it no longer knows this till; to leave Glase, run `glase-pos unregister`/);

  assert.is((await control(e.sim, 'PATCH', `/simulator/terminals/${old}`, { unregistered: true })).status, 200);
  const pay = await runCli(['pay', '--amount', '1.00'], e.env);
  assert.is(pay.code, 1, pay.stderr);
  assert.match(pay.stdout + pay.stderr, /Glase no longer knows this till; forget its registration \(.*`glase-pos forget-registration`\), then register it again/);

  const status = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
  assert.is(status.unknownAtGlase.op, 'sendInvoice');
  assert.match(status.problems[0], /Glase no longer knows this till .*run `glase-pos forget-registration`, then register again/);

  const reg = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], e.env, RESELLER.password + '\n');
  assert.is(reg.code, 1);
  assert.match(reg.stderr, /still registered here \(terminalId \w+\) but Glase no longer knows it: run `glase-pos forget-registration`/);
  const unreg = await runCli(['unregister', '--yes'], e.env);
  assert.is(unreg.code, 1);
  assert.match(unreg.stderr, /nothing to unregister; forget its registration/);

  const noYes = await runCli(['forget-registration'], e.env);
  assert.is(noYes.code, 2, 'nobody can confirm on a pipe');
  const forgot = await runCli(['forget-registration', '--yes'], e.env);
  assert.is(forgot.code, 0, forgot.stderr);
  assert.match(forgot.stdout, new RegExp(`forgot the registration of terminal ${old} \\(Glase answered 29 .* to sendInvoice at `));
  const store = openStore(join(e.dir, 'data'));
  try {
    const row = store.audit.list(20).find((a) => a.action === 'forget-registration');
    assert.ok(row, 'audited');
    assert.is(row!.actor, 'cli');
  } finally {
    store.close();
  }

  const fresh = await registerTill(e.env, 'FORGET1');
  assert.is.not(fresh, old);
  const ready = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
  assert.equal([ready.ready, ready.unknownAtGlase], [true, null]);
});

t.run();
