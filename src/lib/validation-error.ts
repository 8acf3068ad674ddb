/** A bad input at an edge (API, CLI, scanner, SOAP message, config): names the field and the rule. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  readonly code = 'invalid';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}
