// Text a person typed for the customer, a receipt or Glase (titles, cashier ids, row
// descriptions, names) may not carry control characters: raw in the SOAP request they make
// invalid XML (a strict server faults, and a sendInvoice fault leaves the till with an orphan
// that blocks every later payment). Refused at every edge with this one rule.

/** C0 and C1 controls, DEL, the non-characters U+FFFE/U+FFFF and unpaired surrogates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

export const PRINTABLE_RULE = 'must not contain control characters (U+0000-U+001F, U+007F-U+009F) or non-characters';

/** Undefined when `s` is printable, else the rule and where it broke ("… (U+0007 at character 4)"). */
export function unprintable(s: string): string | undefined {
  const m = UNPRINTABLE.exec(s);
  if (!m) return undefined;
  const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${PRINTABLE_RULE} (U+${code} at character ${m.index + 1})`;
}
