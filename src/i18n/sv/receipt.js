// Det utskrivna kvittot (src/printing): butikens språk, aldrig kassörens.
export default {
  'receipt.copy': '*** KOPIA ***',
  'receipt.payment.title': 'Glase-betalning',
  'receipt.amount': 'Belopp',
  'receipt.date': 'Datum',
  'receipt.cashier': 'Kassör',
  'receipt.terminal': 'Terminal',
  'receipt.invoice': 'Faktura',
  'receipt.reference': 'Glase-referens',
  'receipt.refund.title': 'Glase-återbetalning',
  'receipt.refund.refunded': 'Återbetalt',
  'receipt.refund.reason': 'Orsak',
  'receipt.refund.original': 'Ursprunglig betalning',
  'receipt.refund.reference': 'Återbetalningsreferens',
};
