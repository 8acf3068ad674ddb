// Faults of a Glase call (not business results). Each says whether the request may have
// been applied by the server: 'unknown' means it may have reached it (never blindly resend
// a payment action); 'not-applied' means it certainly did not (safe to retry).
export type Outcome = 'unknown' | 'not-applied';

export type GlaseFaultKind = 'transport' | 'timeout' | 'http' | 'soap-fault' | 'malformed';

export class GlaseTransportError extends Error {
  override name = 'GlaseTransportError';
  constructor(
    readonly kind: GlaseFaultKind,
    readonly operation: string,
    readonly outcome: Outcome,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(`${operation}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
  readonly status?: number;
  get code(): string {
    return `glase.${this.kind}`;
  }
}
