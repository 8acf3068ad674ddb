// Writes a request from the ordered wire objects of wire-map.ts: the objects are already in
// xs:sequence order, so a plain ordered writer is all it takes. The result is byte for byte
// what the soap package (1.13, replaced in issue 11) sent, envelope included; the tests
// compare it with a recording of that package's output (test/fixtures/glase/wire/) and
// validate every request against the reference schema with xmllint.
export const GLASE_NS = 'http://external.interfaces.ers.seamless.com/';

/**
 * The envelope's opening exactly as the soap package wrote it with our WSDL, the double
 * space and the unused xsi and g declarations included: the shape the service has accepted.
 */
const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"  xmlns:g="${GLASE_NS}"><soap:Body>`;
const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/;
/**
 * What XML 1.0 cannot carry at all, not even as a character reference: C0 controls but tab,
 * LF and CR; U+FFFE/U+FFFF; unpaired surrogates. The edges refuse them (src/lib/printable.ts);
 * this is the last defence, so a value that slipped through never makes the request invalid.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/** Drops characters XML 1.0 forbids (see NOT_XML). */
export function xmlChars(s: string): string {
  return s.replace(NOT_XML, '');
}

/** Escapes markup and drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  const t = xmlChars(s);
  return NEEDS_ESCAPE.test(t) ? t.replace(/[&<>"']/g, (c) => ESC[c]) : t;
}

function writeValue(name: string, v: unknown, out: string[]): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    // repeated element without a wrapper (tokens, entry, invoiceRow)
    for (const item of v) writeValue(name, item, out);
    return;
  }
  if (typeof v === 'object') {
    out.push(`<${name}>`);
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) writeValue(k, child, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(v))}</${name}>`);
}

/** `<tns:op xmlns:tns="…">` with unqualified children, as elementFormDefault="unqualified" asks. */
export function requestXml(op: string, args: Record<string, unknown>): string {
  const out: string[] = [`<tns:${op} xmlns:tns="${GLASE_NS}">`];
  for (const [k, v] of Object.entries(args)) writeValue(k, v, out);
  out.push(`</tns:${op}>`);
  return out.join('');
}

/** The whole SOAP 1.1 request for one operation. */
export function soapEnvelope(op: string, args: Record<string, unknown>): string {
  return ENVELOPE_OPEN + requestXml(op, args) + ENVELOPE_CLOSE;
}
