// A scanner fault (not a bad scan: bad payloads are junk results, see src/scan/).
// Its own small class, not the printer's DeviceError (drivers/printer/device-error.ts): the codes differ.
import { DriverError } from '../driver-error.js';

export type ScannerErrorCode = 'notFound' | 'open' | 'claim' | 'io' | 'disconnected' | 'config';

export class ScannerError extends DriverError<ScannerErrorCode> {}
