// Pure helpers of the payment machine: the first context (new or resumed), the invoice
// sent to Glase, and the transaction post built from a paid payment.
import type { Invoice } from './glase-contract.js';
import { TEXT } from './messages.js';
import { startRuleFailure } from './payment-rules.js';
import type { PaymentContext, PaymentInput, PaymentPost } from './payment-types.js';

export function initialContext(input: PaymentInput): PaymentContext {
  if (input.resume) return { ...input.resume.context, resumeAt: input.resume.at, recovered: true, notice: TEXT.resumed };
  return {
    paymentId: input.paymentId,
    clientInvoiceId: input.clientInvoiceId,
    amount: input.amount,
    currency: input.currency,
    rows: input.rows && input.rows.length > 0 ? input.rows : [{ itemDescription: 'Purchase', itemQuantity: '1', itemTotalAmount: { minor: input.amount, currency: input.currency } }],
    cashierId: input.cashierId,
    title: input.title ?? 'Purchase',
    issueDate: input.issueDate,
    terminalId: input.terminalId,
    version: 0,
    windows: 1,
    message: TEXT.sending,
    cancelRequested: false,
    recovered: false,
    autoCancelWindows: input.autoCancelWindows,
    refusal: startRuleFailure(input, input.checks),
  };
}

export function invoiceOf(c: PaymentContext): Invoice {
  return {
    paymentMode: 'IMMEDIATE_DEBIT',
    acknowledgmentMode: 'NO_ACKNOWLEDGMENT',
    issueDate: c.issueDate,
    title: c.title,
    clientInvoiceId: c.clientInvoiceId,
    invoiceRows: c.rows,
    totalAmount: { minor: c.amount, currency: c.currency },
    ...(c.cashierId ? { cashierId: c.cashierId } : {}),
  };
}

export function postOf(c: PaymentContext): PaymentPost {
  return {
    ersReference: c.ersReference!,
    amount: c.amount,
    currency: c.currency,
    description: 'Glase payment',
    timestamp: c.paidAt!,
    clientInvoiceId: c.clientInvoiceId,
    invoiceReference: c.invoiceReference!,
    ...(c.cashierId ? { cashierId: c.cashierId } : {}),
    ...(c.terminalId ? { terminalId: c.terminalId } : {}),
    ...(c.recovered ? { recovered: true } : {}),
  };
}

