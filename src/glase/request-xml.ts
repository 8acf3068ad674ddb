// Writes a request wrapper element from the ordered wire objects of wire-map.ts. The soap
// package's own serializer walks the schema for every element, which costs ~0.1 ms per
// call; our objects are already in xs:sequence order, so a plain ordered writer yields the
// same XML (tests compare the two and validate both against the reference schema).
export const GLASE_NS = 'http://external.interfaces.ers.seamless.com/';

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

/** The arguments with every string cleaned by xmlChars, for serializers that do not (the soap package's). */
export function xmlSafeArgs<T>(v: T): T {
  if (typeof v === 'string') return xmlChars(v) as T;
  if (Array.isArray(v)) return v.map(xmlSafeArgs) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, xmlSafeArgs(x)])) as T;
  return v;
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
