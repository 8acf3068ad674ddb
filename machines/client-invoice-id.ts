// The host POS's own receipt id (issue 10 §3), sent to Glase as the invoice's clientInvoiceId
// (it comes back in the paid receipt and links Glase to the host POS). The facts give no
// format, so we bound it: it goes into the invoice XML, the journal, receipts.jsonl and the
// printed receipt, so plain printable characters only, no spaces, at most 40.

export const CLIENT_INVOICE_ID_MAX = 40;
export const CLIENT_INVOICE_ID_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,${CLIENT_INVOICE_ID_MAX - 1}}$`);
export const CLIENT_INVOICE_ID_RULE = `must be 1-${CLIENT_INVOICE_ID_MAX} characters: letters, digits and . _ : / - (starting with a letter or digit)`;

export function isClientInvoiceId(s: unknown): s is string {
  return typeof s === 'string' && CLIENT_INVOICE_ID_PATTERN.test(s);
}
