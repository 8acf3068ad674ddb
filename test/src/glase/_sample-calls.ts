// The principals, invoice and tokens the soap recorder called every operation with: the wire
// recording test repeats those calls, the schema test validates what they write.
import { resellerPrincipal, terminalPrincipal } from '../../../src/glase/context.js';
import type { Invoice } from '../../../src/glase/types.js';

export const R = resellerPrincipal('shop', '9900', 'rpw&<x>');
export const P = terminalPrincipal('0123456789abcdef0123456789abcdef', 'tpw');
export const INVOICE: Invoice = {
  paymentMode: 'IMMEDIATE_DEBIT', acknowledgmentMode: 'NO_ACKNOWLEDGMENT', issueDate: '2026-01-02T10:00:00',
  title: 'Fika & bulle', clientInvoiceId: 'R-1',
  invoiceRows: [
    { itemDescription: 'Kaffe', itemQuantity: '2', itemUnitPrice: { minor: 2500, currency: 'SEK' }, itemTotalAmount: { minor: 5000, currency: 'SEK' }, itemTaxRate: '12', itemEAN: '7310000000001', itemSKU: 'K1', itemUnit: 'EA', itemDiscount: { minor: 0, currency: 'SEK' } },
    { itemDescription: 'Rabatt', itemQuantity: '1', itemTotalAmount: { minor: -500, currency: 'SEK' } },
  ],
  totalAmount: { minor: 4500, currency: 'SEK' }, cashierId: 'Anna', footer: 'Tack!', notificationUrl: 'http://127.0.0.1/n',
};
export const TOKENS = [{ id: 'X_CARD', status: 1, value: '42', description: 'loyalty' }];

/** what the loopback server answers each operation that returns more than a result code */
export const RETURNS: Record<string, string> = {
  registerTerminal: '<resultCode>0</resultCode><terminalId>0123456789abcdef0123456789abcdef</terminalId>',
  sendInvoice: '<resultCode>0</resultCode><invoiceReference>20260102100000001</invoiceReference>',
  getPaymentStatus: '<resultCode>0</resultCode><status>ISSUED</status><version>1</version>',
  refundPayment: '<ersReference>2026010210000000000000002</ersReference><resultCode>0</resultCode>',
  markTransactionPeriod: '<resultCode>0</resultCode><transactionPeriodId>7</transactionPeriodId>',
};
