// Writes a request wrapper element from the ordered wire objects of wire-map.ts. The soap
// package's own serializer walks the schema for every element, which costs ~0.1 ms per
// call; our objects are already in xs:sequence order, so a plain ordered writer yields the
// same XML (tests compare the two and validate both against the reference schema).
export const GLASE_NS = 'http://external.interfaces.ers.seamless.com/';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"']/g, (c) => ESC[c]) : s;
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
