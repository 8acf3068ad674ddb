// The till-side view of the Glase API: what machines and commands program against.
// Amounts here are integer minor units; the client converts to and from the wire.
import type { ResultName } from './result-codes.js';

export type InvoiceStatus =
  | 'ISSUED'
  | 'PAID'
  | 'PENDING_ISSUER_ACKNOWLEDGE'
  | 'CANCELED'
  | 'FAILED'
  | 'RESERVED'
  | 'EXPIRED';

export interface Money {
  /** minor units (öre, cents) */
  minor: number;
  currency: string;
}

export interface InvoiceRow {
  itemDescription?: string;
  itemQuantity: string; // decimal as text: quantities may be fractional (kg)
  itemTotalAmount: Money;
  itemUnitPrice?: Money;
  itemDiscount?: Money;
  itemTaxRate?: string;
  itemEAN?: string;
  itemSKU?: string;
  itemUnit?: string;
}

export interface Invoice {
  paymentMode?: 'IMMEDIATE_DEBIT' | 'RESERVATION_DESIRED' | 'RESERVATION_REQUIRED' | 'RESERVATION_REQUIRED_PRELIMINARY_AMOUNT';
  acknowledgmentMode?: 'NO_ACKNOWLEDGMENT' | 'OPTIONAL_ACKNOWLEDGMENT' | 'REQUIRE_ACKNOWLEDGMENT';
  issueDate?: string; // xs:dateTime
  title?: string;
  clientInvoiceId?: string;
  invoiceRows?: InvoiceRow[];
  totalAmount: Money;
  cashierId?: string;
  footer?: string;
  backURL?: string;
  notificationUrl?: string;
  commitReservationTimeout?: number;
}

export interface CustomerToken {
  description?: string;
  id?: string;
  status: number;
  value?: string;
}

export interface PaymentReceipt {
  terminalId?: string;
  paymentDate?: string;
  clientInvoiceId?: string;
  invoiceReference?: string;
  paymentReference?: string;
  payerTerminalId?: string;
  receiverName?: string;
  invoice?: Invoice;
}

export interface Report {
  title?: string;
  mimeType?: string;
  content?: string; // base64
  contentString?: string;
}

/** Principals: RESELLERUSER for registration and reports, TERMINALID for everything else. */
export type Principal =
  | { type: 'RESELLERUSER'; resellerId: string; userId: string; password: string }
  | { type: 'TERMINALID'; terminalId: string; password: string };

/** A business outcome is a value, never an exception. */
export type Failure = { ok: false; code: number; name: ResultName | string; ersReference?: string };
export type Result<T extends object = object> = ({ ok: true; code: 0; ersReference?: string } & T) | Failure;

export interface PaymentStatus {
  status: InvoiceStatus | 'UNKNOWN';
  /** the raw status string when the server sent one we do not know */
  rawStatus?: string;
  version: number;
  ersReference?: string;
  receipt?: PaymentReceipt;
  customerTokens?: CustomerToken[];
}

export interface GlaseApi {
  registerTerminal(p: Principal, a: { externalTerminalId: string; password: string; name: string }): Promise<Result<{ terminalId: string }>>;
  unregisterTerminal(p: Principal): Promise<Result>;
  assignSeqrId(p: Principal, seqrId: string): Promise<Result>;
  sendInvoice(p: Principal, invoice: Invoice, tokens?: CustomerToken[]): Promise<Result<{ invoiceReference: string; invoiceQRCode?: string }>>;
  updateInvoice(p: Principal, invoiceReference: string, invoice: Invoice, tokens?: CustomerToken[]): Promise<Result>;
  getPaymentStatus(p: Principal, invoiceReference: string, invoiceVersion: number): Promise<Result<PaymentStatus>>;
  cancelInvoice(p: Principal, invoiceReference: string): Promise<Result>;
  refundPayment(p: Principal, ersReference: string, invoice: Invoice): Promise<Result<{ ersReference: string }>>;
  submitPaymentReceipt(p: Principal, ersReference: string, doc?: { mimeType?: string; receiptData?: string; receiptType?: string }): Promise<Result>;
  markTransactionPeriod(p: Principal, parameters?: Record<string, string>): Promise<Result<{ transactionPeriodId: string }>>;
  executeReport(p: Principal, reportId: string, language: string, parameters?: Record<string, string>): Promise<Result<{ report?: Report }>>;
  commitReservation(p: Principal, invoiceReference: string, amount?: Money): Promise<Result>;
  benchmarkingNop(): Promise<Result>;
}
