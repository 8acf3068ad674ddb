// The start rules of a Glase refund, checked in order before anything is journaled or sent;
// the first failure names its rule. The amount rule is the till's own copy of Glase's 98:
// refunds of one payment never add up to more than it, counting refunds still in doubt.
import { refundCodeMessage } from './refund-messages.js';
import type { RefundRequest } from './refund-types.js';
import { isErsReference } from './ers-reference.js';

export interface RefundRuleFailure {
  rule: string;
  message: string;
}

/** What this till knows about the reference being refunded. */
export type RefundOriginal =
  /** a payment this till recorded; `refunded` counts done, running and unknown refunds */
  | { kind: 'payment'; amount: number; currency: string; refunded: number }
  /** the reference of a refund, not of a payment */
  | { kind: 'refund' }
  /** no record on this till */
  | { kind: 'unrecorded' };

export interface RefundChecks {
  registered: boolean;
  serverReachable: boolean;
  paymentInProgress: boolean;
  refundInProgress: boolean;
  /** an admin typed the reference in: a payment this till did not record may be refunded */
  unrecordedAllowed: boolean;
  /** the data directory is (nearly) full, or the start write found it full: nothing can be journaled */
  storageFull?: boolean;
}

export function refundable(o: RefundOriginal): number | undefined {
  return o.kind === 'payment' ? Math.max(0, o.amount - o.refunded) : undefined;
}

export function refundRuleFailure(
  req: RefundRequest,
  original: RefundOriginal,
  checks: RefundChecks,
  format: (minor: number) => string = String,
): RefundRuleFailure | undefined {
  const fail = (rule: string, message: string): RefundRuleFailure => ({ rule, message });
  // first: a refund that cannot be journaled before it is sent is never sent
  if (checks.storageFull) return fail('storage', 'the till\'s storage is full; the refund could not be saved and nothing was refunded; call support');
  if (checks.refundInProgress) return fail('one-refund', 'a refund is already being sent on this till; wait for it to finish');
  if (checks.paymentInProgress) return fail('no-payment', 'a Glase payment is in progress on this till; finish it before a refund');
  if (!checks.registered) return fail('registered', 'this till is not registered with Glase; register it in the admin menu');
  if (!checks.serverReachable) return fail('online', 'Glase cannot be reached; refunds do not work offline, nothing was refunded');
  if (!isErsReference(req.ersReference)) return fail('ers-reference', 'the payment reference must be the 25 digits printed under the receipt\'s barcode');
  if (!Number.isSafeInteger(req.amount)) return fail('amount-integer', 'amount must be a whole number of minor units');
  if (req.amount <= 0) return fail('amount-positive', 'the amount to refund must be greater than zero');
  if (!/^[A-Z]{3}$/.test(req.currency)) return fail('currency', 'currency must be an ISO 4217 code such as SEK');
  if (req.reason !== undefined && (req.reason.trim() === '' || req.reason.length > 200)) return fail('reason', 'the reason must be 1-200 characters');
  if (original.kind === 'refund') return fail('payment-reference', 'this is the reference of a refund; scan or type the reference of the payment');
  if (original.kind === 'unrecorded' && !checks.unrecordedAllowed)
    return fail('recorded-payment', 'this payment was not taken on this till; an admin can refund it by typing its reference in the admin menu');
  if (original.kind === 'payment') {
    if (original.currency !== req.currency) return fail('currency', `the payment was in ${original.currency}, not ${req.currency}`);
    const rest = refundable(original)!;
    if (req.amount > rest) return fail('refundable', `${refundCodeMessage(98)}: at most ${format(rest)} of ${format(original.amount)} can still be refunded`);
  }
  return undefined;
}
