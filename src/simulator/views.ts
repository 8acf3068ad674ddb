// JSON views of simulator records for the control API: no passwords, amounts as minor units
// plus the `#.##` string a person reads.
import { formatAmount } from '../lib/money.js';
import type { Reseller, SimInvoice, Terminal } from './model.js';
import type { SimStore } from './store.js';

export function resellerView(r: Reseller) {
  const { passwordHash: _p, ...rest } = r;
  return rest;
}

export function terminalView(t: Terminal) {
  const { password: _p, ...rest } = t;
  return rest;
}

export function invoiceView(store: SimStore, inv: SimInvoice) {
  const d = inv.data;
  const p = inv.payment;
  const refunds = p ? store.refundsOf(p.ersReference) : [];
  return {
    reference: inv.reference,
    terminalId: inv.terminalId,
    glaseId: store.terminals.get(inv.terminalId)?.seqrId ?? null,
    receiverName: store.resellers.get(inv.resellerId)?.name || inv.resellerId,
    status: inv.status,
    version: inv.version,
    paying: inv.paying,
    title: d.title ?? null,
    clientInvoiceId: d.clientInvoiceId ?? null,
    cashierId: d.cashierId ?? null,
    paymentMode: d.paymentMode ?? null,
    acknowledgmentMode: d.acknowledgmentMode ?? null,
    currency: d.totalAmount.currency,
    totalMinor: d.totalAmount.minor,
    total: formatAmount(d.totalAmount.minor, d.totalAmount.currency),
    rows: d.invoiceRows.map((r) => ({
      description: r.itemDescription ?? null,
      quantity: r.itemQuantity ?? null,
      totalMinor: r.itemTotalAmount.minor,
      total: formatAmount(r.itemTotalAmount.minor, r.itemTotalAmount.currency),
    })),
    cancelledBy: inv.cancelledBy ?? null,
    reservedMinor: inv.reservedMinor ?? null,
    payment: p
      ? {
          ersReference: p.ersReference,
          amountMinor: p.amountMinor,
          paidAt: new Date(p.paidAt).toISOString(),
          acknowledged: p.acknowledgedAt !== undefined,
          reversed: p.reversedAt !== undefined,
          reversedAt: p.reversedAt !== undefined ? new Date(p.reversedAt).toISOString() : null,
        }
      : null,
    refunds: refunds.map((r) => ({ ersReference: r.ersReference, amountMinor: r.amountMinor, at: new Date(r.at).toISOString() })),
  };
}
