import { GlasePosError } from './errors.js';

/** A bad input at an edge (API, CLI, scanner, SOAP message, config): names the field and the rule. */
export class ValidationError extends GlasePosError {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super('invalid', `${field}: ${rule}`);
  }
}
