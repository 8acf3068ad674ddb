// The start rules of a Glase payment, checked in order; the first failure names its rule.
import type { InvoiceRow } from './glase-contract.js';
import type { PaymentRequest, StartChecks } from './payment-types.js';
import { CLIENT_INVOICE_ID_RULE, isClientInvoiceId } from './client-invoice-id.js';

export interface RuleFailure {
  rule: string;
  message: string;
}

export function startRuleFailure(req: PaymentRequest, checks: StartChecks): RuleFailure | undefined {
  const fail = (rule: string, message: string): RuleFailure => ({ rule, message });
  // the host POS's receipt id: checked first, so a second Pay for the same receipt says so
  if (req.clientInvoiceId && !isClientInvoiceId(req.clientInvoiceId)) return fail('client-invoice-id', `clientInvoiceId ${CLIENT_INVOICE_ID_RULE}`);
  if (checks.clientInvoiceIdOpen)
    return fail('client-invoice-id', `a Glase payment for receipt ${req.clientInvoiceId} is already open on this till; finish or cancel it before paying that receipt again`);
  if (checks.paymentInProgress) return fail('one-payment', 'a Glase payment is already in progress on this till; finish it first');
  if (checks.storageFull) return fail('storage', 'the till\'s storage is full; a Glase payment could not be saved, take another tender and call support');
  if (checks.orphanUnconfirmed)
    return fail('orphan-confirmed', 'the last payment lost its answer from Glase; confirm it (check the customer\'s phone) before a new payment');
  if (!checks.registered) return fail('registered', 'this till is not registered with Glase; register it in the admin menu');
  if (!checks.glaseIdAssigned) return fail('glase-id', 'no Glase ID is assigned to this till; assign the sticker\'s Glase ID in the admin menu');
  if (!checks.serverReachable) return fail('online', 'Glase cannot be reached; Glase payments do not work offline, take another tender');
  if (checks.printerReady === false)
    return fail('printer-ready', `the receipt printer is not ready${checks.printerReason ? ` (${checks.printerReason})` : ''}; fix it before a Glase payment`);
  const amount = amountFailure(req.amount, checks.amountLimit, checks.money);
  if (amount) return amount;
  if (!/^[A-Z]{3}$/.test(req.currency)) return fail('currency', 'currency must be an ISO 4217 code such as SEK');
  if (req.receiptTotal !== undefined || req.alreadyPaid !== undefined) {
    const total = req.receiptTotal ?? req.amount;
    const paid = req.alreadyPaid ?? 0;
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(paid) || paid < 0 || total > checks.amountLimit || paid > checks.amountLimit)
      return fail('split-tender', `receipt total and already-paid amount must be whole, non-negative minor units up to ${checks.amountLimit}`);
    const left = total - paid;
    // the cashier may raise the pre-entered amount, but only when confirmed and up to payment.maxAmount
    const m = checks.money ?? String;
    if (req.amount > left && !req.confirmRaise) return fail('split-tender', `the Glase part (${m(req.amount)}) is more than what is left to pay (${m(left)}); Glase is the last tender (raising it needs the cashier's confirmation)`);
    if (req.amount > left && req.amount > (checks.maxAmount ?? left))
      return fail('max-amount', `the Glase amount may be raised above what is left only up to ${checks.maxAmountText ?? `${checks.maxAmount ?? left} minor units`} (payment.maxAmount)`);
  }
  const rows = rowsFailure(req.rows ?? [], req.amount, req.currency, checks.amountLimit);
  if (rows) return rows;
  return undefined;
}

/** The amount of a Glase payment, new or changed: whole positive minor units within the currency's largest amount. */
export function amountFailure(amount: number, limit: number, money?: (minor: number) => string): RuleFailure | undefined {
  if (!Number.isSafeInteger(amount)) return { rule: 'amount-integer', message: 'amount must be a whole number of minor units' };
  if (amount <= 0) return { rule: 'amount-positive', message: 'the amount to pay with Glase must be greater than zero' };
  if (amount > limit)
    return { rule: 'amount-limit', message: money ? `the amount (${money(amount)}) is more than the largest Glase payment (${money(limit)})` : `the amount (${amount}) is more than the largest Glase payment (${limit} minor units)` };
  return undefined;
}

/** The rules of a changed amount (updateInvoice): the amount rule, then the rows. */
export function changeRuleFailure(amount: number, rows: readonly InvoiceRow[], currency: string, limit: number): RuleFailure | undefined {
  return amountFailure(amount, limit) ?? rowsFailure(rows, amount, currency, limit);
}

/**
 * Invoice rows: each row total is whole minor units of the payment's currency within the
 * currency's largest amount (either sign), and they sum exactly to the amount. The sum is a
 * BigInt: with unbounded floats, rows [M, M, 3, -M, -M] (M = 2^53-1) "summed" to 1.
 */
export function rowsFailure(rows: readonly InvoiceRow[], amount: number, currency: string, limit: number): RuleFailure | undefined {
  if (rows.length === 0) return undefined;
  let sum = 0n;
  for (const [i, r] of rows.entries()) {
    const minor = r.itemTotalAmount.minor;
    if (!Number.isSafeInteger(minor)) return { rule: 'rows', message: `row ${i + 1}: itemTotalAmount must be whole minor units` };
    if (Math.abs(minor) > limit) return { rule: 'rows', message: `row ${i + 1}: the row total (${minor}) is beyond the largest amount (${limit} minor units, either sign)` };
    if (r.itemTotalAmount.currency !== currency) return { rule: 'rows', message: `row ${i + 1}: currency ${r.itemTotalAmount.currency} differs from ${currency}` };
    sum += BigInt(minor);
  }
  if (sum !== BigInt(amount)) return { rule: 'rows-sum', message: `the invoice rows sum to ${sum} but the amount is ${amount}; rows must sum to the total (add a negative row to balance)` };
  return undefined;
}
