// A printer fault as one typed error. `code` is what the kiosk and the spooler act on;
// `message` is for a cashier; `cause` keeps the low-level error.
export type DeviceErrorCode = 'disconnected' | 'paperOut' | 'coverOpen' | 'timeout' | 'busy' | 'noStatus';

export class DeviceError extends Error {
  override name = 'DeviceError';
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wraps an unknown transport failure; a DeviceError passes through unchanged. */
export function asDeviceError(e: unknown, code: DeviceErrorCode, message: string): DeviceError {
  return e instanceof DeviceError ? e : new DeviceError(code, `${message}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
}
