// Converts between the till's types (integer minor units) and the wire objects that
// request-xml.ts writes. Objects are built in the schema's xs:sequence order because the
// writer keeps key order. Responses (as reply-xml.ts reads them) are checked, never trusted.
import { GlasePosError } from '../lib/errors.js';
import { AmountFormatError, displayAmount, formatAmount, isKnownCurrency, maxAmountMinor, parseAmount } from '../lib/money.js';
import type { CustomerToken, Invoice, InvoiceRow, InvoiceStatus, Money, PaymentReceipt, PaymentStatus, Report } from './types.js';

/** A response that does not have the shape the contract promises. */
export class WireShapeError extends GlasePosError {
  constructor(readonly field: string, readonly rule: string) {
    super('glase.wire-shape', `response field ${field}: ${rule}`);
  }
}

type Obj = Record<string, unknown>;

/** Drops undefined keys so that absent optional fields are omitted, not sent empty. */
export function compact<T extends Obj>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function toWireAmount(m: Money): { currency: string; value: string } {
  return { currency: m.currency, value: formatAmount(m.minor, m.currency) };
}

function toWireRow(r: InvoiceRow): Obj {
  return compact({
    itemDescription: r.itemDescription,
    itemDiscount: r.itemDiscount && toWireAmount(r.itemDiscount),
    itemEAN: r.itemEAN,
    itemQuantity: r.itemQuantity,
    itemSKU: r.itemSKU,
    itemTaxRate: r.itemTaxRate,
    itemTotalAmount: toWireAmount(r.itemTotalAmount),
    itemUnit: r.itemUnit,
    itemUnitPrice: r.itemUnitPrice && toWireAmount(r.itemUnitPrice),
  });
}

export function toWireInvoice(inv: Invoice): Obj {
  return compact({
    paymentMode: inv.paymentMode,
    acknowledgmentMode: inv.acknowledgmentMode,
    issueDate: inv.issueDate,
    title: inv.title,
    clientInvoiceId: inv.clientInvoiceId,
    invoiceRows: inv.invoiceRows && inv.invoiceRows.length > 0 ? { invoiceRow: inv.invoiceRows.map(toWireRow) } : undefined,
    totalAmount: toWireAmount(inv.totalAmount),
    cashierId: inv.cashierId,
    footer: inv.footer,
    backURL: inv.backURL,
    notificationUrl: inv.notificationUrl,
    // later revision only: sent only when set, so older servers see the shape they know
    commitReservationTimeout: inv.commitReservationTimeout,
  });
}

export function toWireTokens(tokens: CustomerToken[] | undefined): Obj[] | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  return tokens.map((t) => compact({ description: t.description, id: t.id, status: t.status, value: t.value }));
}

export function toWireParameters(params: Record<string, string> | undefined): Obj | undefined {
  if (!params) return undefined;
  const entry = Object.entries(params).map(([key, value]) => ({ key, value }));
  return entry.length ? { parameter: { entry } } : undefined;
}

// ---- responses ----

function text(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  // the parser yields an object for an element with children or attributes
  throw new WireShapeError(field, 'must be text');
}

export function requiredInt(v: unknown, field: string): number {
  const s = text(v, field);
  if (s === undefined) throw new WireShapeError(field, 'is required');
  if (!/^\s*[+-]?\d{1,10}\s*$/.test(s)) {
    // quoted whole or not at all: a cut-off quote could hold part of an echoed password that scrubbing misses
    throw new WireShapeError(field, `must be an integer, got ${s.length <= 40 ? JSON.stringify(s) : `${s.length} characters`}`);
  }
  return Number(s);
}

export function optText(v: unknown, field: string): string | undefined {
  return text(v, field);
}

function asObj(v: unknown, field: string): Obj | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new WireShapeError(field, 'must be a structure');
  return v as Obj;
}

function asList(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

export function fromWireAmount(v: unknown, field: string): Money | undefined {
  const o = asObj(v, field);
  if (!o) return undefined;
  const currency = text(o.currency, `${field}.currency`);
  const value = text(o.value, `${field}.value`);
  if (currency === undefined) throw new WireShapeError(`${field}.currency`, 'is required');
  if (value === undefined) throw new WireShapeError(`${field}.value`, 'is required');
  if (!isKnownCurrency(currency)) throw new WireShapeError(`${field}.currency`, `${JSON.stringify(currency)} is not a supported currency`);
  // quoted whole or not at all (see requiredInt); no real amount is this long
  if (value.length > 40) throw new WireShapeError(`${field}.value`, `must be a decimal amount, got ${value.length} characters`);
  let minor: number;
  try {
    minor = parseAmount(value, currency);
  } catch (e) {
    // more decimals than the currency has, or not a number: an error, never rounded
    if (e instanceof AmountFormatError) throw new WireShapeError(`${field}.value`, e.message);
    throw e;
  }
  // every amount here belongs to one invoice, which the till bounds by the currency's largest
  // amount: a paid amount beyond it is not booked (it would become the payment's amount)
  const limit = maxAmountMinor(currency);
  if (Math.abs(minor) > limit) throw new WireShapeError(`${field}.value`, `is beyond the largest amount (${displayAmount(limit, currency)}, either sign)`);
  return { minor, currency };
}

function fromWireRow(v: unknown, field: string): InvoiceRow {
  const o = asObj(v, field) ?? {};
  const total = fromWireAmount(o.itemTotalAmount, `${field}.itemTotalAmount`);
  if (!total) throw new WireShapeError(`${field}.itemTotalAmount`, 'is required');
  return compact({
    itemDescription: text(o.itemDescription, `${field}.itemDescription`),
    itemQuantity: text(o.itemQuantity, `${field}.itemQuantity`) ?? '1',
    itemTotalAmount: total,
    itemUnitPrice: fromWireAmount(o.itemUnitPrice, `${field}.itemUnitPrice`),
    itemDiscount: fromWireAmount(o.itemDiscount, `${field}.itemDiscount`),
    itemTaxRate: text(o.itemTaxRate, `${field}.itemTaxRate`),
    itemEAN: text(o.itemEAN, `${field}.itemEAN`),
    itemSKU: text(o.itemSKU, `${field}.itemSKU`),
    itemUnit: text(o.itemUnit, `${field}.itemUnit`),
  }) as InvoiceRow;
}

export function fromWireInvoice(v: unknown, field: string): Invoice | undefined {
  const o = asObj(v, field);
  if (!o) return undefined;
  const total = fromWireAmount(o.totalAmount, `${field}.totalAmount`);
  if (!total) throw new WireShapeError(`${field}.totalAmount`, 'is required');
  const rowsObj = asObj(o.invoiceRows, `${field}.invoiceRows`);
  const timeout = text(o.commitReservationTimeout, `${field}.commitReservationTimeout`);
  return compact({
    paymentMode: text(o.paymentMode, `${field}.paymentMode`) as Invoice['paymentMode'],
    acknowledgmentMode: text(o.acknowledgmentMode, `${field}.acknowledgmentMode`) as Invoice['acknowledgmentMode'],
    issueDate: text(o.issueDate, `${field}.issueDate`),
    title: text(o.title, `${field}.title`),
    clientInvoiceId: text(o.clientInvoiceId, `${field}.clientInvoiceId`),
    invoiceRows: rowsObj ? asList(rowsObj.invoiceRow).map((r, i) => fromWireRow(r, `${field}.invoiceRows[${i}]`)) : undefined,
    totalAmount: total,
    cashierId: text(o.cashierId, `${field}.cashierId`),
    footer: text(o.footer, `${field}.footer`),
    backURL: text(o.backURL, `${field}.backURL`),
    notificationUrl: text(o.notificationUrl, `${field}.notificationUrl`),
    commitReservationTimeout: timeout === undefined ? undefined : requiredInt(timeout, `${field}.commitReservationTimeout`),
  }) as Invoice;
}

function fromWireReceipt(v: unknown): PaymentReceipt | undefined {
  const o = asObj(v, 'receipt');
  if (!o) return undefined;
  return compact({
    terminalId: text(o.terminalId, 'receipt.terminalId'),
    paymentDate: text(o.paymentDate, 'receipt.paymentDate'),
    clientInvoiceId: text(o.clientInvoiceId, 'receipt.clientInvoiceId'),
    invoiceReference: text(o.invoiceReference, 'receipt.invoiceReference'),
    paymentReference: text(o.paymentReference, 'receipt.paymentReference'),
    payerTerminalId: text(o.payerTerminalId, 'receipt.payerTerminalId'),
    receiverName: text(o.receiverName, 'receipt.receiverName'),
    invoice: fromWireInvoice(o.invoice, 'receipt.invoice'),
  });
}

const STATUSES: ReadonlySet<string> = new Set<InvoiceStatus>([
  'ISSUED', 'PAID', 'PENDING_ISSUER_ACKNOWLEDGE', 'CANCELED', 'FAILED', 'RESERVED', 'EXPIRED',
]);

export function fromWirePaymentStatus(r: Obj): PaymentStatus {
  const raw = text(r.status, 'status');
  const tokensObj = asObj(r.customerTokens, 'customerTokens');
  const out: PaymentStatus = {
    // statuses the contract does not list (docs mention PARTIALLY_PAID) must not crash the till
    status: raw !== undefined && STATUSES.has(raw) ? (raw as InvoiceStatus) : 'UNKNOWN',
    version: requiredInt(r.version, 'version'),
  };
  if (out.status === 'UNKNOWN') out.rawStatus = raw ?? '';
  const ers = text(r.ersReference, 'ersReference');
  if (ers !== undefined) out.ersReference = ers;
  const receipt = fromWireReceipt(r.receipt);
  if (receipt) out.receipt = receipt;
  if (tokensObj) {
    out.customerTokens = asList(tokensObj.token).map((t, i) => {
      const o = asObj(t, `customerTokens.token[${i}]`) ?? {};
      return compact({
        description: text(o.description, 'token.description'),
        id: text(o.id, 'token.id'),
        status: requiredInt(o.status, `customerTokens.token[${i}].status`),
        value: text(o.value, 'token.value'),
      }) as CustomerToken;
    });
  }
  return out;
}

export function fromWireReport(v: unknown): Report | undefined {
  const o = asObj(v, 'report');
  if (!o) return undefined;
  return compact({
    title: text(o.title, 'report.title'),
    mimeType: text(o.mimeType, 'report.mimeType'),
    content: text(o.content, 'report.content'),
    contentString: text(o.contentString, 'report.contentString'),
  });
}
