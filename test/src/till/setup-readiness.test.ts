// Terminal set-up and kiosk readiness through the till runtime: real SQLite, FakeGlase.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, lost, ok } from '../../fakes/fake-glase.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';
import { generateTerminalPassword } from '../../../src/till/setup-actors.js';

const t = suite('till setup and readiness');
let h: Harness;
t.after.each(async () => {
  if (!h) return;
  assert.equal(h.glase.unexpected, []);
  await h.close();
});

const reseller = { resellerId: 'shop-1', userId: '9900', password: 'reseller-secret-pw' };

t('register → assign → ready; credentials stored with a generated password; reseller password stored nowhere', async () => {
  h = await makeTill({ registered: false });
  assert.equal(h.till.readiness().reasons.map((r) => r.code), ['not-registered']);
  h.glase.on('registerTerminal', () => ok({ terminalId: 'a'.repeat(32) }));
  h.glase.on('assignSeqrId', () => ok());
  const r = await h.till.register(reseller, 'anna');
  assert.ok(r.ok, r.message);
  const [principal, args] = h.glase.callsOf('registerTerminal')[0] as [{ type: string; password: string }, { password: string; externalTerminalId: string }];
  assert.is(principal.type, 'RESELLERUSER');
  assert.match(args.password, /^[A-Za-z0-9]{15,}$/);
  const c = h.store.credentials.get()!;
  assert.is(c.terminalId, 'a'.repeat(32));
  assert.is(c.terminalPassword, args.password);
  assert.equal(h.till.readiness().reasons.map((x) => x.code), ['no-glase-id']);
  const a = await h.till.assignGlaseId('GLASE42', 'anna');
  assert.ok(a.ok, a.message);
  assert.is(h.store.credentials.get()!.glaseId, 'GLASE42');
  assert.equal(h.glase.callsOf('assignSeqrId')[0][1], 'GLASE42');
  assert.equal(h.till.readiness(), { ready: true, reasons: [] });
  // the reseller password is in no table, no audit line
  const dump = JSON.stringify(h.store.db.prepare("SELECT * FROM audit").all()) + JSON.stringify(h.store.db.prepare("SELECT * FROM settings").all()) + JSON.stringify(h.store.db.prepare('SELECT * FROM credentials').all());
  assert.not.match(dump, /reseller-secret-pw/);
  assert.equal(h.store.audit.list().map((x) => x.action).reverse(), ['register', 'assign-glase-id']);
});

t('every refusal becomes a cashier sentence: wrong reseller password, Glase ID of another till, bad Glase ID', async () => {
  h = await makeTill({ registered: false });
  h.glase.once('registerTerminal', () => fail(20));
  let r = await h.till.register(reseller);
  assert.not.ok(r.ok);
  assert.is(r.message, 'wrong reseller password');
  assert.is(h.store.credentials.get(), undefined);
  h.glase.once('registerTerminal', () => Promise.reject(lost('registerTerminal')));
  r = await h.till.register(reseller);
  assert.not.ok(r.ok);
  assert.match(r.message, /could not reach Glase/);
  h.glase.once('registerTerminal', () => ok({ terminalId: 't'.repeat(32) }));
  assert.ok((await h.till.register(reseller)).ok);
  h.glase.once('assignSeqrId', () => fail(53));
  const a = await h.till.assignGlaseId('GLASE1');
  assert.not.ok(a.ok);
  assert.match(a.message, /belongs to another till/);
  assert.is(h.store.credentials.get()!.glaseId, undefined);
  const bad = await h.till.assignGlaseId('not valid!');
  assert.not.ok(bad.ok);
  assert.match(bad.message, /letters and digits/);
  assert.is(h.glase.count('assignSeqrId'), 1, 'an invalid id never reaches Glase');
  // one audit row per action and path, written by the till: Glase's code, or the reason when Glase gave none
  const rows = h.store.audit.list().reverse().map((x) => [x.action, x.detail]);
  assert.equal(rows.map((r) => r[0]), ['register-refused', 'register-refused', 'register', 'assign-glase-id-refused', 'assign-glase-id-refused']);
  assert.match(rows[0][1]!, / code=20$/);
  assert.match(rows[1][1]!, /reason="could not reach Glase/);
  assert.match(rows[3][1]!, /^glaseId=GLASE1 code=53$/);
  assert.match(rows[4][1]!, /reason="the Glase ID must be letters and digits only/);
});

t('unregister clears the credentials only after the server answered 0', async () => {
  h = await makeTill();
  h.glase.once('unregisterTerminal', () => fail(90));
  let u = await h.till.unregister();
  assert.not.ok(u.ok);
  assert.ok(h.store.credentials.get(), 'kept after a refusal');
  h.glase.once('unregisterTerminal', () => Promise.reject(lost('unregisterTerminal')));
  u = await h.till.unregister();
  assert.not.ok(u.ok);
  assert.ok(h.store.credentials.get(), 'kept after a lost reply');
  h.glase.once('unregisterTerminal', () => ok());
  u = await h.till.unregister();
  assert.ok(u.ok);
  assert.is(h.store.credentials.get(), undefined);
  assert.equal(h.till.readiness().reasons.map((x) => x.code), ['not-registered']);
  assert.is(h.till.startPayment({ amount: 100 }).ok, false);
});

t('unregister is refused while a payment is in flight', async () => {
  h = await makeTill();
  h.glase.on('sendInvoice', () => ok({ invoiceReference: 'R' }));
  h.glase.on('getPaymentStatus', () => h.invoice.answer());
  assert.ok(h.till.startPayment({ amount: 100 }).ok);
  await h.advance(100);
  const u = await h.till.unregister();
  assert.not.ok(u.ok);
  assert.match(u.message, /in progress/);
  assert.equal(h.till.readiness().reasons.map((x) => x.code), ['payment-in-progress']);
});

t('readiness: server unreachable and printer not ready, each with its reason, and payments refused', async () => {
  let reachable = false;
  let report: ((s: { ready: boolean; reason?: string }) => void) | undefined;
  h = await makeTill({
    till: {
      probeServer: async () => reachable,
      probeIntervalMs: 5_000,
      printerStatus: (r) => {
        report = r;
        r({ ready: false, reason: 'out of paper' });
        return () => {};
      },
    },
  });
  let rd = h.till.readiness();
  assert.not.ok(rd.ready);
  assert.equal(rd.reasons.map((r) => r.code), ['server-unreachable', 'printer-not-ready']);
  assert.match(rd.reasons[1].message, /out of paper/);
  let s = h.till.startPayment({ amount: 100 });
  assert.equal(s.ok ? '' : s.rule, 'online');
  reachable = true;
  await h.advance(5_000);
  s = h.till.startPayment({ amount: 100 });
  assert.equal(s.ok ? '' : s.rule, 'printer-ready');
  assert.match(s.ok ? '' : s.message, /out of paper/);
  report!({ ready: true });
  assert.equal(h.till.readiness(), { ready: true, reasons: [] });
  assert.ok(h.events.some((e) => e.type === 'readiness' && e.readiness.ready));
});

t('generated terminal passwords: long, alphanumeric, different each time', () => {
  h = undefined as never;
  const a = generateTerminalPassword();
  const b = generateTerminalPassword();
  assert.match(a, /^[A-Za-z0-9]{24}$/);
  assert.is.not(a, b);
  assert.throws(() => generateTerminalPassword(10), /at least 15/);
});

t('one till process per data dir: a second till is refused, a stale pid file is taken over', async () => {
  h = await makeTill();
  const { createTill } = await import('../../../src/till/till.js');
  const second = createTill({ store: h.store, glase: h.glase, clock: h.clock });
  await second.start().then(
    () => assert.unreachable('second till started'),
    (e: Error) => assert.match(e.message, /another till process \(pid \d+\)/),
  );
  await h.till.stop();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${h.dir}/till.lock`, '999999'); // no such process
  const third = createTill({ store: h.store, glase: h.glase, clock: h.clock });
  await third.start();
  await third.stop();
});

t.run();
