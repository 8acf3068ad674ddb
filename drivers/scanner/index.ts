// The scanner drivers' public surface, for the daemon's wiring (src/daemon/devices.ts, src/daemon/scans.ts).
export { createScanner, type ScannerConfig, type ScannerDeps } from './create-scanner.js';
export { BaseScanner, NullScanner, type Scanner, type ScanEvent, type ScannerEvents } from './scanner.js';
export { ScannerError, type ScannerErrorCode } from './scanner-error.js';
export { SerialScanner, type SerialBinding, type SerialScannerOptions } from './serial-scanner.js';
export { UsbHidScanner, type UsbHidScannerOptions } from './usb-hid-scanner.js';
export { HidScanDecoder, UNKNOWN_KEY } from './hid-decoder.js';
export { LineSplitter, TERMINATOR_TEXT, type Terminator } from './line-splitter.js';
export type { UsbShape, UsbDeviceShape } from './usb-shapes.js';
