// The waiting screen's countdown comes from the till (issue 10 §3): every view of a payment in
// its 30-s window carries the window's end by the till's clock and what is left of it; a
// "try again" starts a new window; outside a window there is none. Simulated clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTill, wireInvoice, T0, type Harness } from '../../fakes/till-harness.js';

const t = suite('window countdown from the till');
let h: Harness;
t.after.each(async () => {
  assert.equal(h.glase.unexpected, []);
  await h.close();
});

t('windowLeftMs counts down with the till clock, restarts on try again, and is absent at the question', async () => {
  h = await makeTill();
  wireInvoice(h, 'REF-W');
  const s = h.till.startPayment({ amount: 100 });
  assert.ok(s.ok);
  await h.advance(100);
  const first = h.till.currentPayment()!;
  assert.is(first.state, 'live.window');
  const endsAt = Date.parse(first.windowEndsAt!);
  assert.ok(endsAt >= T0 + 30_000 && endsAt <= T0 + 30_100, first.windowEndsAt);
  await h.advance(10_000);
  const later = h.till.currentPayment()!;
  assert.is(later.windowEndsAt, first.windowEndsAt, 'the same deadline while the window runs');
  assert.is(later.windowLeftMs, endsAt - h.clock.now());
  assert.ok(later.windowLeftMs! <= 20_000 && later.windowLeftMs! > 19_000, String(later.windowLeftMs));
  // every event of the running window carries it (the screen's countdown follows the events)
  const ev = h.events.filter((e) => e.type === 'payment' && e.payment.state.startsWith('live.window'));
  assert.ok(ev.length > 0 && ev.every((e) => e.type === 'payment' && e.payment.windowEndsAt === first.windowEndsAt));
  await h.advance(20_500);
  const q = h.till.currentPayment()!;
  assert.is(q.state, 'live.question');
  assert.equal([q.windowEndsAt, q.windowLeftMs], [undefined, undefined], 'no countdown while the question is open');
  assert.ok(h.till.tryAgain());
  await h.advance(100);
  const second = h.till.currentPayment()!;
  assert.is(second.windows, 2);
  assert.ok(Date.parse(second.windowEndsAt!) - h.clock.now() > 29_000, 'a new 30-s window');
});

t.run();
