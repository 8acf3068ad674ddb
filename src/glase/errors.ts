// Faults of a Glase call (not business results). Each says whether the request may have
// been applied by the server (its outcome, see src/lib/errors.ts).
import { GlasePosError, type Outcome } from '../lib/errors.js';

export type { Outcome } from '../lib/errors.js';

export type GlaseFaultKind = 'transport' | 'timeout' | 'http' | 'soap-fault' | 'malformed' | 'reply-too-large';

export class GlaseTransportError extends GlasePosError {
  declare readonly outcome: Outcome;
  readonly status?: number;
  constructor(
    readonly kind: GlaseFaultKind,
    readonly operation: string,
    outcome: Outcome,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    // code glase.<kind>: 'glase.timeout', 'glase.soap-fault', …
    super(`glase.${kind}`, `${operation}: ${message}`, { cause: options?.cause, outcome });
    this.status = options?.status;
  }
}
