// A scanner fault (not a bad scan: bad payloads are junk results, see src/scan/).
// Its own small class, not the printer's DeviceError (drivers/printer/device-error.ts): the codes differ.
export type ScannerErrorCode = 'notFound' | 'open' | 'claim' | 'io' | 'disconnected' | 'config';

export class ScannerError extends Error {
  override name = 'ScannerError';
  constructor(
    readonly code: ScannerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
