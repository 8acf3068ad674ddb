// The simulator's records. Plain data: the ledger rules change them, the store saves them.
// Amounts are integer minor units; wire strings are kept only where we echo them back.
import type { ScryptHash } from '../lib/scrypt-hash.js';

export type InvoiceStatus = 'ISSUED' | 'PAID' | 'PENDING_ISSUER_ACKNOWLEDGE' | 'CANCELED' | 'FAILED' | 'RESERVED';

export interface Reseller {
  id: string;
  userId: string;
  /** scrypt of the reseller password: the plain password is never kept */
  passwordHash: ScryptHash;
  currency: string;
  name: string;
  blocked: boolean;
  refundsAllowed: boolean; // false → 97
  payerRefundsAllowed: boolean; // false → 99 (the payer's bank refuses refunds)
}

export interface Terminal {
  id: string; // 32 hex
  resellerId: string;
  externalTerminalId: string;
  name: string;
  password: string;
  seqrId?: string;
  blocked: boolean;
  unregistered: boolean;
  registeredAt: number;
}

/** A wire amount: value in minor units plus the currency it was given in. */
export interface SimAmount {
  currency: string;
  minor: number;
}

export interface SimRow {
  itemDescription?: string;
  itemDiscount?: SimAmount;
  itemEAN?: string;
  itemQuantity?: string;
  itemSKU?: string;
  itemTaxRate?: string;
  itemTotalAmount: SimAmount;
  itemUnit?: string;
  itemUnitPrice?: SimAmount;
}

/** The invoice content as the till sent it (validated), in WSDL field order. */
export interface SimInvoiceData {
  paymentMode?: string;
  acknowledgmentMode?: string;
  issueDate?: string;
  title?: string;
  clientInvoiceId?: string;
  invoiceRows: SimRow[];
  totalAmount: SimAmount;
  cashierId?: string;
  footer?: string;
  backURL?: string;
  notificationUrl?: string;
  commitReservationTimeout?: string;
}

export interface SimInvoice {
  reference: string;
  terminalId: string;
  resellerId: string;
  data: SimInvoiceData;
  status: InvoiceStatus;
  version: number;
  createdAt: number;
  /** The customer has scanned and is confirming with the PIN: cancel → 51, update → 48. */
  paying: boolean;
  /** The till acknowledged (updateInvoice) a PENDING_ISSUER_ACKNOWLEDGE invoice. */
  acknowledged: boolean;
  cancelledBy?: 'till' | 'new-invoice' | 'unregister' | 'reversal';
  reservedMinor?: number;
  payment?: Payment;
}

export interface Payment {
  ersReference: string; // 25 digits
  amountMinor: number;
  currency: string;
  paidAt: number;
  payerTerminalId: string;
  /** getPaymentStatus saw PAID (or the till committed it): the payment will not be reversed. */
  acknowledgedAt?: number;
  reversedAt?: number;
  /** control API: the payment is left out of the reconciliation reports (a planted difference) */
  droppedFromReport?: boolean;
  /** control API: the reports show this amount instead of the paid one (a planted difference) */
  reportedAmountMinor?: number;
  /** control API: the reports show this cashier instead of the invoice's */
  reportedCashierId?: string;
}

export interface Refund {
  ersReference: string;
  paymentErsReference: string;
  invoiceReference: string;
  terminalId: string; // the terminal that asked for it
  resellerId: string;
  amountMinor: number;
  currency: string;
  at: number;
  data: SimInvoiceData;
}

export interface TransactionPeriod {
  id: string; // 25 digits
  resellerId: string;
  terminalId?: string;
  from: number; // end of the previous period of the same scope (0 for the first)
  markedAt: number;
}

export interface Receipt {
  ersReference: string;
  terminalId: string;
  receiptType?: string;
  mimeType?: string;
  bytes: number;
  at: number;
}
