// refundPayment and submitPaymentReceipt (facts §6.8, §6.3.6).
import { refundCheck } from './ledger.js';
import { str, validateInvoice } from './invoice-validate.js';
import type { Op } from './op-types.js';

export const refundPayment: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal, reseller }) {
    const ers = str(body.ersReference)?.trim() ?? '';
    const inv = e.invoice(e.store.invoiceOfPayment(ers));
    // Only payments taken by this reseller's terminals can be refunded by them.
    const mine = inv && inv.resellerId === reseller.id ? inv : undefined;
    const pre = refundCheck(mine, reseller, e.store.refundsOf(ers), 1);
    if (pre.code !== 0 && pre.code !== 98) return pre;
    // totalAmount of the refund invoice is the amount of this refund.
    const v = validateInvoice(body.invoice, reseller.currency);
    if (!v.ok) return { code: v.code, why: v.why };
    const check = refundCheck(mine, reseller, e.store.refundsOf(ers), v.data.totalAmount.minor);
    if (check.code !== 0) return check;
    const refundErs = e.ersReference();
    e.store.saveRefund({
      ersReference: refundErs,
      paymentErsReference: ers,
      invoiceReference: mine!.reference,
      terminalId: terminal.id,
      resellerId: reseller.id,
      amountMinor: v.data.totalAmount.minor,
      currency: v.data.totalAmount.currency,
      at: e.now(),
      data: v.data,
    });
    return { code: 0, ersReference: refundErs };
  },
};

export const submitPaymentReceipt: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal, reseller }) {
    const ers = str(body.ersReference)?.trim() ?? '';
    const inv = e.invoice(e.store.invoiceOfPayment(ers));
    const payment = inv && inv.resellerId === reseller.id && inv.payment && inv.payment.reversedAt === undefined;
    const refund = e.store.refunds.get(ers);
    if (!payment && !(refund && refund.resellerId === reseller.id)) return { code: 23, why: 'no payment or refund with this ersReference' };
    const doc = (body.receiptDocument ?? {}) as Record<string, unknown>;
    const data = str(doc.receiptData) ?? '';
    e.store.saveReceipt({
      ersReference: ers,
      terminalId: terminal.id,
      receiptType: str(doc.receiptType),
      mimeType: str(doc.mimeType),
      bytes: Buffer.from(data, 'base64').length,
      at: e.now(),
    });
    return { code: 0 };
  },
};
