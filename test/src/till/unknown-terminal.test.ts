// When Glase's answer to this till's TERMINALID is 29 the till remembers it (setup view,
// events) and offers forgetRegistration exactly then; a later normal answer withdraws the
// offer; a 29 to a reseller login (wrong reseller id) is not about this till.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, ok } from '../../fakes/fake-glase.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';

const t = suite('till: Glase no longer knows this till (29)');
let h: Harness;
t.after.each(async () => h?.close());

t('a 29 to our TERMINALID is remembered; forgetting is offered only then, and audited', async () => {
  h = await makeTill();
  const refused = await h.till.forgetRegistration('anna');
  assert.equal([refused.ok, refused.message], [false, 'Glase has not said that it no longer knows this till; to leave Glase, unregister instead']);
  h.glase.once('assignSeqrId', () => fail(29));
  const a = await h.till.assignGlaseId('GLASE2', 'anna');
  assert.match(a.message, /Glase no longer knows this till; forget its registration/);
  const s = h.till.setup();
  assert.equal([s.unknownAtGlase?.op, s.state], ['assignSeqrId', 'ready']);
  assert.ok(h.events.some((e) => e.type === 'setup' && e.setup.unknownAtGlase), 'a setup event tells the screen');
  const reg = await h.till.register({ resellerId: 'shop', userId: '9900', password: 'pw' });
  assert.match(reg.message, /still registered here, but Glase no longer knows it: forget its registration/);

  const f = await h.till.forgetRegistration('anna');
  assert.equal([f.ok, f.state, f.terminalId, f.unknownAtGlase], [true, 'unregistered', undefined, undefined]);
  assert.is(h.store.credentials.get(), undefined);
  const row = h.store.audit.list(1)[0]!;
  assert.equal([row.actor, row.action], ['anna', 'forget-registration']);
  assert.match(row.detail!, /terminalId=87e791f9e24148a6892c52aa85bb0331 glaseId=GLASE0001 \(Glase answered 29 to assignSeqrId at /);
  assert.is(h.glase.count('unregisterTerminal'), 0, 'Glase is not asked');
  h.glase.once('registerTerminal', () => ok({ terminalId: 'a'.repeat(32) }));
  assert.ok((await h.till.register({ resellerId: 'shop', userId: '9900', password: 'pw' })).ok, 'registers again');
  assert.is(h.till.setup().unknownAtGlase, undefined);
});

t('a later normal answer withdraws the offer; a 29 to the reseller login is not about this till', async () => {
  h = await makeTill();
  h.glase.once('assignSeqrId', () => fail(29));
  await h.till.assignGlaseId('GLASE2');
  assert.ok(h.till.setup().unknownAtGlase);
  h.glase.once('assignSeqrId', () => ok());
  await h.till.assignGlaseId('GLASE3');
  assert.is(h.till.setup().unknownAtGlase, undefined);
  assert.is((await h.till.forgetRegistration()).ok, false);

  await h.close();
  h = await makeTill({ registered: false });
  h.glase.once('registerTerminal', () => fail(29));
  const r = await h.till.register({ resellerId: 'nobody', userId: '1', password: 'pw' });
  assert.is(r.message, 'wrong reseller id or user id');
  assert.is(h.till.setup().unknownAtGlase, undefined);
});

t.run();
