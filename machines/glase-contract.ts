// The part of the Glase API the machines program against: invoices, payment status and the
// Result of every call. It lives here, not in src/glase, so machines/ imports only itself;
// src/glase/types.ts re-exports it and adds what only the SOAP client needs.
// Amounts are integer minor units; the client converts to and from the wire.

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

/**
 * A business outcome is a value, never an exception. `name` is the wire's resultDescription:
 * one of the names in src/glase/result-codes.ts, or the server's text for an unknown code.
 */
export type Failure = { ok: false; code: number; name: string; ersReference?: string };
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
