// Paid payments the till could not book under their own key: Glase gave them the ersReference
// of another payment. Their posts are kept apart (store: post_conflicts); status lists them
// until someone has checked them with Glase.
import type { Store } from '../store/store.js';
import type { PaymentToCheck } from './types.js';

export function paymentsToCheck(store: Pick<Store, 'posts'>): PaymentToCheck[] {
  return store.posts.conflicts().flatMap(({ paymentId, bookedPaymentId, at, post }) =>
    'clientInvoiceId' in post
      ? [{ paymentId, clientInvoiceId: post.clientInvoiceId, ersReference: post.ersReference, amount: post.amount, currency: post.currency, bookedPaymentId, at, why: post.needsChecking ?? 'its ersReference is booked for another payment' }]
      : [],
  );
}
