// The printed receipt (src/printing): the shop's language, never the cashier's.
export default {
  'receipt.copy': '*** COPY ***',
  'receipt.payment.title': 'Glase payment',
  'receipt.amount': 'Amount',
  'receipt.date': 'Date',
  'receipt.cashier': 'Cashier',
  'receipt.terminal': 'Terminal',
  'receipt.invoice': 'Invoice',
  'receipt.reference': 'Glase reference',
  'receipt.refund.title': 'Glase refund',
  'receipt.refund.refunded': 'Refunded',
  'receipt.refund.reason': 'Reason',
  'receipt.refund.original': 'Original payment',
  'receipt.refund.reference': 'Refund reference',
};
