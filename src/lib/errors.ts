// The one base of every error the till throws on purpose. `code` is a stable string that code
// and tests act on (messages are words for people and may change); `cause` keeps the error
// underneath (standard ErrorOptions), so a log line can show the whole chain.

/**
 * For a call to Glase: whether the request may have been applied by the server. 'unknown'
 * means it may have reached it (never blindly resend a payment action); 'not-applied' means
 * it certainly did not (safe to retry).
 */
export type Outcome = 'unknown' | 'not-applied';

export interface GlasePosErrorOptions extends ErrorOptions {
  /** only where the error ends a Glase call */
  outcome?: Outcome;
}

export class GlasePosError extends Error {
  readonly code: string;
  readonly outcome?: Outcome;

  constructor(code: string, message: string, options?: GlasePosErrorOptions) {
    // cause only when given: `{cause: undefined}` would still create an own `cause` property
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options?.outcome) this.outcome = options.outcome;
  }
}
