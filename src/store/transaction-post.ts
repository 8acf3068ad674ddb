// The posts are defined beside the machines that produce them, and the store imports them
// downward (src/ may import machines/, machines/ imports nothing of src/): a payment's post,
// a refund's post, and either as the store keeps them (one table, one receipts.jsonl, one
// print queue, keyed by ersReference).
import type { PaymentPost } from '../../machines/payment-types.js';
import type { RefundPost } from '../../machines/refund-types.js';

export type { PaymentPost as TransactionPost, RefundPost };

/** What the posts table, receipts.jsonl and the print queue hold. */
export type StoredPost = PaymentPost | RefundPost;

export const isRefundPost = (p: StoredPost): p is RefundPost => p.description === 'Glase refund';
