// Scanner settings → a Scanner. 'virtual' is a serial scanner on the scanner emulator's pty
// (start it first with startScannerEmulator and pass its path); 'none' never scans.
// Each driver is imported only for its kind: a USB scanner never loads serialport, nor a serial one usb.
import { silentDriverLogger, type DriverLogger } from '../logger.js';
import type { Terminator } from './line-splitter.js';
import { NullScanner, type Scanner } from './scanner.js';
import { ScannerError } from './scanner-error.js';
import type { SerialBinding } from './serial-scanner.js';
import type { UsbDeviceShape, UsbShape } from './usb-shapes.js';

/**
 * What the scanner drivers need to know. The driver's own type, so drivers/ needs nothing
 * from src/: the config's `scanner` section satisfies it (src/daemon passes that section in).
 */
export interface ScannerConfig {
  kind: 'virtual' | 'serial' | 'usb-hid' | 'none';
  path?: string;
  baudRate?: number;
  terminator?: Terminator;
  /** 1208 or hex as lsusb prints it: "0x04b8" / "04b8" */
  vid?: number | string;
  pid?: number | string;
}

export interface ScannerDeps {
  log?: DriverLogger;
  /** kind 'virtual': the emulator's `path` (scanner.path in config wins if set). */
  virtualPath?: string;
  /** Serial binding; serialport's native one by default. */
  serialBinding?: SerialBinding;
  /** The `usb` module shape; the real native module by default (loaded only for usb-hid). */
  usb?: UsbShape;
  now?: () => number;
}

export async function createScanner(config: ScannerConfig, deps: ScannerDeps = {}): Promise<Scanner> {
  const log = (deps.log ?? silentDriverLogger).child({ device: 'scanner', kind: config.kind });
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
      const { SerialScanner } = await import('./serial-scanner.js');
      return new SerialScanner({ path, baudRate: config.baudRate, terminator: config.terminator, binding: deps.serialBinding, log, now: deps.now });
    }
    case 'usb-hid': {
      const [{ UsbHidScanner }, { loadUsb }, { usbId }] = await Promise.all([import('./usb-hid-scanner.js'), import('../usb/usb-host.js'), import('../usb/usb-id.js')]);
      const vid = usbId(config.vid, 'scanner.vid');
      const pid = usbId(config.pid, 'scanner.pid');
      const usb = deps.usb ?? (await loadUsb<UsbDeviceShape>());
      return new UsbHidScanner({ usb, vid, pid, log, now: deps.now });
    }
  }
}
