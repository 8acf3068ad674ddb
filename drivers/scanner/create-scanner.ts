// config.scanner → a Scanner. 'virtual' is a serial scanner on the scanner emulator's pty
// (start it first with startScannerEmulator and pass its path); 'none' never scans.
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/lib/log.js';
import { silentLogger } from '../../src/lib/log.js';
import { NullScanner, type Scanner } from './scanner.js';
import { ScannerError } from './scanner-error.js';
import { SerialScanner, type SerialBinding } from './serial-scanner.js';
import { UsbHidScanner } from './usb-hid-scanner.js';
import { loadRealUsb, type UsbShape } from './usb-shapes.js';

export type ScannerConfig = Config['scanner'];

export interface ScannerDeps {
  log?: Logger;
  /** kind 'virtual': the emulator's `path` (scanner.path in config wins if set). */
  virtualPath?: string;
  /** Serial binding; serialport's native one by default. */
  serialBinding?: SerialBinding;
  /** The `usb` module shape; the real native module by default (loaded only for usb-hid). */
  usb?: UsbShape;
  now?: () => number;
}

export async function createScanner(config: ScannerConfig, deps: ScannerDeps = {}): Promise<Scanner> {
  const log = (deps.log ?? silentLogger).child({ device: 'scanner', kind: config.kind });
  switch (config.kind) {
    case 'none':
      return new NullScanner(deps.now);
    case 'virtual':
    case 'serial': {
      const path = config.path ?? (config.kind === 'virtual' ? deps.virtualPath : undefined);
      if (!path) {
        const rule = config.kind === 'virtual' ? 'is required (or start the scanner emulator and pass its path)' : 'is required when scanner.kind is serial';
        throw new ScannerError('config', `scanner.path: ${rule}`);
      }
      return new SerialScanner({ path, baudRate: config.baudRate, terminator: config.terminator, binding: deps.serialBinding, log, now: deps.now });
    }
    case 'usb-hid': {
      const vid = usbId(config.vid, 'scanner.vid');
      const pid = usbId(config.pid, 'scanner.pid');
      const usb = deps.usb ?? (await loadRealUsb());
      return new UsbHidScanner({ usb, vid, pid, log, now: deps.now });
    }
  }
}

/** Config allows 1208 or "0x04b8" / "04b8" (hex, as lsusb prints it). */
export function usbId(v: number | string | undefined, key: string): number {
  if (v === undefined) throw new ScannerError('config', `${key}: is required when scanner.kind is usb-hid`);
  if (typeof v === 'number') return v;
  const n = Number.parseInt(v.replace(/^0x/i, ''), 16);
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new ScannerError('config', `${key}: must be a 16-bit hex id like 0x04b8`);
  return n;
}
