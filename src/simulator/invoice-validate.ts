// sendInvoice / updateInvoice / refundPayment content rules (facts §3.3–3.5, §10): a pure
// function from the parsed wire invoice to validated data or the result code the server gives.
import { MAX_AMOUNT_MAJOR, exactSum, isKnownCurrency, maxAmountMinor, parseAmount } from '../lib/money.js';
import { GlasePosError } from '../lib/errors.js';
import type { SimAmount, SimInvoiceData, SimRow } from './model.js';

export type Wire = Record<string, unknown>;
export type Validated = { ok: true; data: SimInvoiceData } | { ok: false; code: number; why: string };

const PAYMENT_MODES = ['IMMEDIATE_DEBIT', 'RESERVATION_DESIRED', 'RESERVATION_REQUIRED', 'RESERVATION_REQUIRED_PRELIMINARY_AMOUNT'];
const ACK_MODES = ['NO_ACKNOWLEDGMENT', 'OPTIONAL_ACKNOWLEDGMENT', 'REQUIRE_ACKNOWLEDGMENT'];
/** The largest amount one payment or row may carry, in major units (the test account holds 101 000 SEK). */
export const MAX_MAJOR = MAX_AMOUNT_MAJOR;

/** An invoice the server refuses with a result code (code simulator.result.<resultCode>). */
class Bad extends GlasePosError {
  constructor(
    readonly resultCode: number,
    why: string,
  ) {
    super(`simulator.result.${resultCode}`, why);
  }
}

export function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return undefined;
  return String(v);
}

function obj(v: unknown): Wire | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Wire) : undefined;
}

export function list(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/** An amount element in the account's currency; 49 for a bad value or another currency. */
export function amountOf(v: unknown, field: string, currency: string): SimAmount {
  const a = obj(v);
  const cur = str(a?.currency)?.trim();
  const value = str(a?.value)?.trim();
  if (!a || value === undefined || value === '') throw new Bad(49, `${field}.value is missing`);
  if (!cur) throw new Bad(49, `${field}.currency is missing`);
  if (!isKnownCurrency(cur) || cur !== currency) throw new Bad(49, `${field}.currency ${cur} is not the account currency ${currency}`);
  try {
    return { currency: cur, minor: parseAmount(value, cur) };
  } catch (e) {
    throw new Bad(49, `${field}.value: ${(e as Error).message}`);
  }
}

function optAmount(v: unknown, field: string, currency: string): SimAmount | undefined {
  return v === undefined || v === '' ? undefined : bounded(amountOf(v, field, currency), field);
}

/** A row's amount beyond the largest amount (either sign) is garbled data: no row can balance it. */
function bounded(a: SimAmount, field: string): SimAmount {
  if (Math.abs(a.minor) > maxAmountMinor(a.currency)) throw new Bad(49, `${field} is beyond the largest amount (${MAX_MAJOR} ${a.currency})`);
  return a;
}

function row(v: unknown, i: number, currency: string): SimRow {
  const r = obj(v);
  const f = `invoiceRows[${i}]`;
  if (!r) throw new Bad(49, `${f} is empty`);
  const qty = str(r.itemQuantity);
  if (qty !== undefined && !/^\s*-?\d+(\.\d+)?\s*$/.test(qty)) throw new Bad(49, `${f}.itemQuantity is not a decimal`);
  if (r.itemTotalAmount === undefined) throw new Bad(49, `${f}.itemTotalAmount is missing`);
  return {
    itemDescription: str(r.itemDescription),
    itemDiscount: optAmount(r.itemDiscount, `${f}.itemDiscount`, currency),
    itemEAN: str(r.itemEAN),
    itemQuantity: qty?.trim(),
    itemSKU: str(r.itemSKU),
    itemTaxRate: str(r.itemTaxRate),
    itemTotalAmount: bounded(amountOf(r.itemTotalAmount, `${f}.itemTotalAmount`, currency), `${f}.itemTotalAmount`),
    itemUnit: str(r.itemUnit),
    itemUnitPrice: optAmount(r.itemUnitPrice, `${f}.itemUnitPrice`, currency),
  };
}

function enumOf(v: unknown, field: string, allowed: string[]): string | undefined {
  const s = str(v)?.trim();
  if (s === undefined || s === '') return undefined;
  if (!allowed.includes(s)) throw new Bad(49, `${field} ${s} is not one of ${allowed.join(', ')}`);
  return s;
}

/**
 * Validates an invoice for an account in `currency`. Order of checks follows the facts:
 * missing/garbled data or another currency → 49, rows not summing → 49,
 * non-positive or oversized total → 11, bad notificationUrl → 64.
 */
export function validateInvoice(raw: unknown, currency: string): Validated {
  try {
    const w = obj(raw);
    if (!w) throw new Bad(49, 'invoice is missing');
    if (w.totalAmount === undefined) throw new Bad(49, 'invoice.totalAmount is missing');
    const totalAmount = amountOf(w.totalAmount, 'totalAmount', currency);
    const rows = list(obj(w.invoiceRows)?.invoiceRow).map((r, i) => row(r, i, currency));
    const sum = exactSum(rows.map((r) => r.itemTotalAmount.minor)); // floats would round large rows into balance
    if (rows.length > 0 && sum !== BigInt(totalAmount.minor)) {
      throw new Bad(49, `invoice rows sum to ${sum} minor units, not the total ${totalAmount.minor}`);
    }
    if (totalAmount.minor <= 0) throw new Bad(11, 'totalAmount must be positive');
    // in the currency's own minor units: JPY, ISK and KRW have none, so not a blanket ×100
    if (totalAmount.minor > maxAmountMinor(currency)) throw new Bad(11, 'totalAmount is larger than the account allows');
    const notificationUrl = str(w.notificationUrl)?.trim();
    if (notificationUrl !== undefined && notificationUrl !== '' && !/^https?:\/\/[^\s/]+\S*$/i.test(notificationUrl)) {
      throw new Bad(64, 'notificationUrl is not an http(s) URL');
    }
    const timeout = str(w.commitReservationTimeout)?.trim();
    if (timeout !== undefined && !/^\d+$/.test(timeout)) throw new Bad(49, 'commitReservationTimeout is not a whole number');
    const data: SimInvoiceData = {
      paymentMode: enumOf(w.paymentMode, 'paymentMode', PAYMENT_MODES),
      acknowledgmentMode: enumOf(w.acknowledgmentMode, 'acknowledgmentMode', ACK_MODES),
      issueDate: str(w.issueDate),
      title: str(w.title),
      clientInvoiceId: str(w.clientInvoiceId),
      invoiceRows: rows,
      totalAmount,
      cashierId: str(w.cashierId),
      footer: str(w.footer),
      backURL: str(w.backURL),
      notificationUrl: notificationUrl || undefined,
      commitReservationTimeout: timeout,
    };
    return { ok: true, data };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, code: e.resultCode, why: e.message };
    throw e;
  }
}
