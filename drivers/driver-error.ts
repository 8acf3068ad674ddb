// The base of the drivers' errors. drivers/ never imports src/, so this is not the till's
// GlasePosError (src/lib/errors.ts) but the same shape: a stable `code` and a standard
// `cause`. The logger reads errors by that shape, so it shows both alike.
export class DriverError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}
