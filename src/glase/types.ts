// The till-side view of the Glase API: what the till and commands program against.
// The invoice, status and Result types the machines use live in machines/glase-contract.ts
// (machines import nothing from src/) and are re-exported here.
// Amounts here are integer minor units; the client converts to and from the wire.
import type { CustomerToken, Invoice, Money, PaymentStatus, Result } from '../../machines/glase-contract.js';

export type {
  CustomerToken,
  Failure,
  Invoice,
  InvoiceRow,
  InvoiceStatus,
  Money,
  PaymentReceipt,
  PaymentStatus,
  Result,
} from '../../machines/glase-contract.js';

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
