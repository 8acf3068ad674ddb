// The screen's view of a payment (src/ui/state.js, plain browser JavaScript): the answer to
// a POST and the event stream come on different connections, so an older view must never
// replace one that already ended the payment.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

interface View { paymentId: string; state: string; final: boolean; version: number }
interface State {
  st: { payment: View | null };
  acceptPayment(p: View): void;
}
const file = '../../src/ui/state.js';
const { st, acceptPayment } = (await import(file)) as State;

const t = suite('screen payment order');
t.before.each(() => {
  st.payment = null;
});

t('a late "cancelling" answer does not undo the cancelled event that came first', () => {
  acceptPayment({ paymentId: 'p1', state: 'cancelled', final: true, version: 1 });
  acceptPayment({ paymentId: 'p1', state: 'live.dialog.cancelling', final: false, version: 1 });
  assert.is(st.payment!.state, 'cancelled');
});
t('a late "sending" answer does not undo an orphaned ending', () => {
  acceptPayment({ paymentId: 'p2', state: 'orphaned', final: true, version: 0 });
  acceptPayment({ paymentId: 'p2', state: 'sending', final: false, version: 0 });
  assert.is(st.payment!.state, 'orphaned');
});
t('newer views replace older ones; an older Glase version is ignored; a new payment always shows', () => {
  acceptPayment({ paymentId: 'p3', state: 'sending', final: false, version: 0 });
  acceptPayment({ paymentId: 'p3', state: 'live.window', final: false, version: 1 });
  assert.is(st.payment!.state, 'live.window');
  acceptPayment({ paymentId: 'p3', state: 'sending', final: false, version: 0 });
  assert.is(st.payment!.state, 'live.window');
  acceptPayment({ paymentId: 'p4', state: 'sending', final: false, version: 0 });
  assert.is(st.payment!.paymentId, 'p4');
});
t.run();
