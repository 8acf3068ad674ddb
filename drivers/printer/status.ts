// ESC/POS real-time status, DLE EOT n (0x10 0x04 n). Each answer is one byte whose bits 0 and 7
// are 0 and bits 1 and 4 are 1; any other byte is not a status answer.
//   n=1 printer:  bit3 offline
//   n=2 offline:  bit2 cover open, bit5 stopped by paper end, bit6 error
//   n=3 error:    bit3 autocutter error, bit5 unrecoverable, bit6 auto-recoverable
//   n=4 paper:    bits2+3 roll near end, bits5+6 roll end
import { DeviceError } from './device-error.js';

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

export const DLE_EOT = (n: 1 | 2 | 3 | 4) => Uint8Array.of(0x10, 0x04, n);

/**
 * DLE DC4 8: clear the receive and print buffers (real-time). Sent when a job failed part-way
 * so a printer that would finish it after paper is loaded drops it instead: the spooler sends
 * the whole receipt again, and the customer gets one complete receipt, not a tail and a copy.
 */
export const CLEAR_BUFFERS = Uint8Array.of(0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08);

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Decodes the four answers to DLE EOT 1, 2, 3, 4 (in that order). */
export function decodeStatus(bytes: ArrayLike<number>): PrinterStatus {
  if (bytes.length !== 4) throw new RangeError(`status: expected 4 bytes, got ${bytes.length}`);
  const [p, off, err, paper] = Array.from(bytes);
  return {
    online: (p & 0x08) === 0,
    coverOpen: (off & 0x04) !== 0,
    paperEnd: (off & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (off & 0x40) !== 0 || (err & 0x68) !== 0,
  };
}

/** The inverse, for emulators: the four status bytes a printer in this state sends. */
export function encodeStatus(s: PrinterStatus): [number, number, number, number] {
  return [
    0x12 | (s.online ? 0 : 0x08),
    0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperEnd ? 0x20 : 0) | (s.error ? 0x40 : 0),
    0x12 | (s.error ? 0x20 : 0),
    0x12 | (s.paperNearEnd || s.paperEnd ? 0x0c : 0) | (s.paperEnd ? 0x60 : 0),
  ];
}

/** Why a printer in this state cannot print, or undefined when it can. */
export function statusProblem(s: PrinterStatus): DeviceError | undefined {
  if (s.paperEnd) return new DeviceError('paperOut', 'The printer is out of paper');
  if (s.coverOpen) return new DeviceError('coverOpen', 'The printer cover is open');
  if (s.error) return new DeviceError('busy', 'The printer reports an error (cutter or mechanism)');
  if (!s.online) return new DeviceError('busy', 'The printer is offline');
  return undefined;
}
