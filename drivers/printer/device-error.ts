// A printer fault as one typed error. `code` is what the kiosk and the spooler act on;
// `message` is for a cashier; `cause` keeps the low-level error.
import { DriverError } from '../driver-error.js';

export type DeviceErrorCode = 'disconnected' | 'paperOut' | 'coverOpen' | 'timeout' | 'busy' | 'noStatus';

export class DeviceError extends DriverError<DeviceErrorCode> {}

/** Wraps an unknown transport failure; a DeviceError passes through unchanged. */
export function asDeviceError(e: unknown, code: DeviceErrorCode, message: string): DeviceError {
  return e instanceof DeviceError ? e : new DeviceError(code, `${message}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
}
