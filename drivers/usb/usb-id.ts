// A USB vendor or product id from config: 1208, or hex as lsusb prints it ("04b8", "0x04b8").
// Shared by the USB printer and the USB HID scanner so both accept and refuse the same input.
import { DriverError } from '../driver-error.js';

/** `key` names the setting in the error, e.g. "scanner.vid". Throws DriverError code 'config'. */
export function usbId(v: number | string | undefined, key: string): number {
  if (v === undefined) throw new DriverError('config', `${key}: is required for a USB device`);
  const n = typeof v === 'number' ? v : /^(0x)?[0-9a-f]{1,4}$/i.test(v) ? Number.parseInt(v.replace(/^0x/i, ''), 16) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new DriverError('config', `${key}: must be a 16-bit hex id like 0x04b8`);
  return n;
}
