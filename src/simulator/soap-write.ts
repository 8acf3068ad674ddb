// Writes SOAP responses as the real (CXF/JAXB) server does: <ns2:{op}Response><return>…,
// fields in WSDL sequence order, absent fields omitted, resultDescription = the code's name.
import { formatAmount } from '../lib/money.js';
import { resultName } from '../glase/result-codes.js';
import type { SimAmount, SimInvoiceData } from './model.js';

const NS = 'http://external.interfaces.ers.seamless.com/';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** One element, or nothing when the value is absent. */
export function el(name: string, value: string | number | undefined | null): string {
  return value === undefined || value === null ? '' : `<${name}>${esc(String(value))}</${name}>`;
}

/** A complex element from already-written children, or nothing when it is empty. */
export function group(name: string, inner: string): string {
  return inner ? `<${name}>${inner}</${name}>` : '';
}

export function amountXml(name: string, a: SimAmount | undefined): string {
  return a ? `<${name}>${el('currency', a.currency)}${el('value', formatAmount(a.minor, a.currency))}</${name}>` : '';
}

export function invoiceXml(name: string, d: SimInvoiceData): string {
  const rows = d.invoiceRows
    .map(
      (r) =>
        '<invoiceRow>' +
        el('itemDescription', r.itemDescription) +
        amountXml('itemDiscount', r.itemDiscount) +
        el('itemEAN', r.itemEAN) +
        el('itemQuantity', r.itemQuantity) +
        el('itemSKU', r.itemSKU) +
        el('itemTaxRate', r.itemTaxRate) +
        amountXml('itemTotalAmount', r.itemTotalAmount) +
        el('itemUnit', r.itemUnit) +
        amountXml('itemUnitPrice', r.itemUnitPrice) +
        '</invoiceRow>',
    )
    .join('');
  return (
    `<${name}>` +
    el('paymentMode', d.paymentMode) +
    el('acknowledgmentMode', d.acknowledgmentMode) +
    el('issueDate', d.issueDate) +
    el('title', d.title) +
    el('clientInvoiceId', d.clientInvoiceId) +
    group('invoiceRows', rows) +
    amountXml('totalAmount', d.totalAmount) +
    el('cashierId', d.cashierId) +
    el('footer', d.footer) +
    el('backURL', d.backURL) +
    el('notificationUrl', d.notificationUrl) +
    `</${name}>`
  );
}

/** The base erswsResponse fields followed by the extension fields (already in order). */
export function response(operation: string, code: number, extra = '', ersReference?: string): string {
  return (
    `<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><ns2:${operation}Response xmlns:ns2="${NS}"><return>` +
    el('ersReference', ersReference) +
    `<resultCode>${code}</resultCode><resultDescription>${esc(resultName(code))}</resultDescription>` +
    extra +
    `</return></ns2:${operation}Response></soap:Body></soap:Envelope>`
  );
}

export function fault(code: 'soap:Client' | 'soap:Server', message: string): string {
  return (
    `<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>${code}</faultcode><faultstring>${esc(message)}</faultstring>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
