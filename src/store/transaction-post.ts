/** One completed Glase payment as written to the receipt file and printed. */
export interface TransactionPost {
  ersReference: string;
  /** minor units */
  amount: number;
  currency: string;
  description: 'Glase payment';
  /** UTC ISO time the till saw the payment as PAID */
  timestamp: string;
  clientInvoiceId: string;
  invoiceReference: string;
  cashierId?: string;
  terminalId?: string;
  /** true when found PAID by crash recovery rather than the live flow */
  recovered?: boolean;
}
