// The invoice and payment rules of the Glase server (facts §6, §10), as pure functions:
// records in, new records and a result code out, time passed in. No I/O here.
import type { InvoiceStatus, Payment, Refund, Reseller, SimInvoice, SimInvoiceData } from './model.js';

export type Step = { code: number; invoice?: SimInvoice; why?: string };

const OPEN: InvoiceStatus[] = ['ISSUED', 'PENDING_ISSUER_ACKNOWLEDGE'];

export function isOpen(inv: SimInvoice): boolean {
  return OPEN.includes(inv.status) || inv.status === 'RESERVED';
}

function bump(inv: SimInvoice, patch: Partial<SimInvoice>): SimInvoice {
  return { ...inv, ...patch, version: inv.version + 1 };
}

export function newInvoice(reference: string, terminalId: string, resellerId: string, data: SimInvoiceData, now: number): SimInvoice {
  return { reference, terminalId, resellerId, data, status: 'ISSUED', version: 0, createdAt: now, paying: false, acknowledged: false };
}

/** When an unacknowledged payment is reversed, or undefined if it never will be. */
export function reversalDue(inv: SimInvoice, reversalMs: number): number | undefined {
  const p = inv.payment;
  if (inv.status !== 'PAID' || !p || p.acknowledgedAt !== undefined || p.reversedAt !== undefined) return undefined;
  return p.paidAt + reversalMs;
}

/**
 * A PAID invoice that no getPaymentStatus saw within reversalMs of the payment is reversed:
 * the customer gets the money back and the invoice reads CANCELED. Returns undefined when
 * nothing changes.
 */
export function applyReversal(inv: SimInvoice, now: number, reversalMs: number): SimInvoice | undefined {
  const due = reversalDue(inv, reversalMs);
  if (due === undefined || now < due) return undefined;
  return bump(inv, { status: 'CANCELED', cancelledBy: 'reversal', payment: { ...inv.payment!, reversedAt: due } });
}

/** getPaymentStatus on a PAID invoice acknowledges the payment (it will not be reversed). */
export function acknowledgeStatus(inv: SimInvoice, now: number): SimInvoice | undefined {
  if (inv.status !== 'PAID' || !inv.payment || inv.payment.acknowledgedAt !== undefined) return undefined;
  return { ...inv, payment: { ...inv.payment, acknowledgedAt: now } };
}

/** The implicit cancel of a terminal's previous open invoice by a new sendInvoice or unregister. */
export function supersede(inv: SimInvoice, by: 'new-invoice' | 'unregister'): SimInvoice | undefined {
  if (!isOpen(inv)) return undefined;
  return bump(inv, { status: 'CANCELED', cancelledBy: by, paying: false });
}

export function cancel(inv: SimInvoice): Step {
  switch (inv.status) {
    case 'PAID':
      return { code: 50 };
    case 'CANCELED':
    case 'FAILED':
      return { code: 95 };
    default:
      if (inv.paying) return { code: 51, why: 'the customer is confirming the payment' };
      return { code: 0, invoice: bump(inv, { status: 'CANCELED', cancelledBy: 'till' }) };
  }
}

/** updateInvoice: replaces the content of an unpaid invoice; acknowledges a pending one. */
export function update(inv: SimInvoice, data: SimInvoiceData): Step {
  if (inv.paying) return { code: 48 };
  if (inv.status === 'PAID' || inv.status === 'CANCELED' || inv.status === 'FAILED') {
    return { code: 90, why: `invoice is ${inv.status}` };
  }
  if (inv.status === 'RESERVED') {
    if (inv.reservedMinor !== undefined && data.totalAmount.minor > inv.reservedMinor) return { code: 11, why: 'more than reserved' };
    return { code: 0, invoice: bump(inv, { data }) };
  }
  return { code: 0, invoice: bump(inv, { data, status: 'ISSUED', acknowledged: true }) };
}

function needsAck(inv: SimInvoice): boolean {
  // Leaving acknowledgmentMode out makes the app wait for an acknowledgement (facts §3.3).
  const mode = inv.data.acknowledgmentMode ?? 'REQUIRE_ACKNOWLEDGMENT';
  return mode === 'REQUIRE_ACKNOWLEDGMENT' && !inv.acknowledged;
}

/** The customer scans the till's sticker and starts confirming. */
export function customerScan(inv: SimInvoice): Step {
  if (inv.status === 'PENDING_ISSUER_ACKNOWLEDGE') return { code: 0, invoice: inv };
  if (inv.status !== 'ISSUED') return { code: 90, why: `invoice is ${inv.status}` };
  if (needsAck(inv)) return { code: 0, invoice: bump(inv, { status: 'PENDING_ISSUER_ACKNOWLEDGE', paying: false }) };
  return { code: 0, invoice: inv.paying ? inv : { ...inv, paying: true } };
}

/** The customer confirms with the PIN: PAID, or RESERVED for reservation modes. */
export function customerPay(inv: SimInvoice, ersReference: string, payerTerminalId: string, now: number): Step {
  if (inv.status === 'PENDING_ISSUER_ACKNOWLEDGE') return { code: 48, why: 'waiting for the till to acknowledge with updateInvoice' };
  if (inv.status !== 'ISSUED') return { code: 90, why: `invoice is ${inv.status}` };
  if (needsAck(inv)) return { code: 48, why: 'waiting for the till to acknowledge with updateInvoice' };
  const amount = inv.data.totalAmount;
  if ((inv.data.paymentMode ?? 'IMMEDIATE_DEBIT').startsWith('RESERVATION')) {
    return { code: 0, invoice: bump(inv, { status: 'RESERVED', paying: false, reservedMinor: amount.minor }) };
  }
  const payment: Payment = { ersReference, amountMinor: amount.minor, currency: amount.currency, paidAt: now, payerTerminalId };
  return { code: 0, invoice: bump(inv, { status: 'PAID', paying: false, payment }) };
}

export function customerDecline(inv: SimInvoice): Step {
  if (!OPEN.includes(inv.status)) return { code: 90, why: `invoice is ${inv.status}` };
  return { code: 0, invoice: bump(inv, { status: 'FAILED', paying: false }) };
}

/** commitReservation takes the reserved amount, or a smaller final amount (later revision). */
export function commit(inv: SimInvoice, amountMinor: number | undefined, ersReference: string, payerTerminalId: string, now: number): Step {
  if (inv.status !== 'RESERVED') return { code: 96 };
  const reserved = inv.reservedMinor ?? inv.data.totalAmount.minor;
  const take = amountMinor ?? reserved;
  if (take <= 0 || take > reserved) return { code: 11, why: `amount must be between 0 and the reserved ${reserved}` };
  // The till learns of the payment from this very call, so it is acknowledged already.
  const payment: Payment = { ersReference, amountMinor: take, currency: inv.data.totalAmount.currency, paidAt: now, payerTerminalId, acknowledgedAt: now };
  return { code: 0, invoice: bump(inv, { status: 'PAID', payment }) };
}

/** Whether a refund of `amountMinor` against this paid invoice may go through. */
export function refundCheck(inv: SimInvoice | undefined, reseller: Reseller, refunds: Refund[], amountMinor: number): { code: number; why?: string } {
  const p = inv?.payment;
  if (!inv || !p || inv.status !== 'PAID' || p.reversedAt !== undefined) return { code: 23, why: 'no such completed payment' };
  if (!reseller.refundsAllowed) return { code: 97 };
  if (!reseller.payerRefundsAllowed) return { code: 99 };
  if (amountMinor <= 0) return { code: 11, why: 'refund amount must be positive' };
  const done = refunds.reduce((s, r) => s + r.amountMinor, 0);
  if (done + amountMinor > p.amountMinor) return { code: 98, why: `already refunded ${done} of ${p.amountMinor}` };
  return { code: 0 };
}
