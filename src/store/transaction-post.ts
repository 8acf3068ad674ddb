// The transaction post is defined beside the payment machine that produces it (src may
// depend on machines, never the reverse).
export type { PaymentPost as TransactionPost } from '../../machines/payment-types.js';
