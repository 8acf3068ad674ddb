// `glase-pos recover` without --wait: after a crash it asks Glase once about each unfinished
// payment (acknowledging a payment the customer made, so Glase never reverses it) and records
// a paid one; a payment still open stays unfinished for the next start (exit 1).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../../src/store/store.js';
import { collect, control, jsonEvents, registerTill, runCli, spawnCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos recover');
let e: Env;
t.before(async () => {
  e = await startEnv();
  await registerTill(e.env, 'RECOVER1');
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

const crashAfterSend = async () => {
  const r = await collect(spawnCli(['pay', '--amount', '7.00', '--json'], { ...e.env, GLASE_POS_TEST_CRASH_AT: 'live.window' }), '');
  assert.is(r.signal, 'SIGKILL');
};
const unfinished = () => {
  const s = openStore(join(e.dir, 'data'));
  try {
    return s.payments.unfinished().length;
  } finally {
    s.close();
  }
};

t('nothing to recover: exit 0', async () => {
  const r = await runCli(['recover'], e.env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /no unfinished payment/);
});

t('still open after the crash: one status poll, left unfinished, exit 1 naming --wait', async () => {
  await crashAfterSend();
  const r = await runCli(['recover', '--json'], e.env);
  assert.is(r.code, 1, r.stderr);
  const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal([last.type, last.state.startsWith('live'), last.recovered], ['open', true, true]);
  assert.is(unfinished(), 1);
  const text = await runCli(['recover'], e.env);
  assert.match(text.stdout, /still open .*glase-pos recover --wait/);
});

t('paid while the till was down: recover acknowledges, records and completes it; exit 0', async () => {
  assert.is((await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId: 'RECOVER1' })).status, 200);
  const r = await runCli(['recover', '--json'], e.env);
  assert.is(r.code, 0, r.stderr);
  const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal([last.type, last.outcome, last.recovered], ['result', 'completed', true]);
  const inv = (await control(e.sim, 'GET', `/simulator/invoices/${last.invoiceReference}`)).json;
  assert.is(inv.payment.acknowledged, true);
  assert.is(unfinished(), 0);
  assert.equal((await control(e.sim, 'GET', '/simulator/reversals')).json.reversals, []);
});

t('pay stopped by SIGTERM: exit 143, the payment stays unfinished for recover', async () => {
  const child = spawnCli(['pay', '--amount', '3.00', '--json'], e.env);
  const done = collect(child, '');
  const ev = jsonEvents(child);
  await ev.waitFor((x) => x.state === 'live.window');
  child.kill('SIGTERM');
  const r = await done;
  assert.is(r.code, 143);
  assert.match(ev.events.at(-1).message, /left unfinished; `glase-pos recover --wait`/);
  assert.is(unfinished(), 1);
  const again = await runCli(['recover', '--json'], e.env);
  assert.is(again.code, 1, 'still open at Glase');
});

t('bad option: exit 2', async () => {
  const r = await runCli(['recover', '--wiat'], e.env);
  assert.is(r.code, 2);
  assert.match(r.stderr, /Unknown option '--wiat'/);
});

t.run();
