// The ersReference rule, in one place: exactly 25 digits (yyyyMMddHHmmss + 11 digits, facts
// §6.1). It is the key that makes recording a payment idempotent, so the payment machine checks
// the server's reference with it before anything is recorded; the API, the CLI and the scanner
// check a typed or scanned one with it.

export const ERS_REFERENCE_DIGITS = 25;
export const ERS_REFERENCE_PATTERN = new RegExp(`^\\d{${ERS_REFERENCE_DIGITS}}$`);
export const ERS_REFERENCE_RULE = `must be exactly ${ERS_REFERENCE_DIGITS} digits`;

export function isErsReference(s: string | undefined): boolean {
  return typeof s === 'string' && ERS_REFERENCE_PATTERN.test(s);
}

/** Why `s` is not an ersReference, or undefined when it is one. */
export function ersReferenceProblem(s: string | undefined): string | undefined {
  if (isErsReference(s)) return undefined;
  const got = s === undefined ? 'nothing' : s.length > 40 ? `${s.length} characters` : JSON.stringify(s);
  return `${ERS_REFERENCE_RULE} (got ${got})`;
}
