// Identifier formats of the real service (facts §6.1): 25-digit references that start with
// the UTC timestamp, numeric 17-digit invoice references, 32-hex terminal ids.
import { randomBytes } from 'node:crypto';

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14); // yyyyMMddHHmmss
}

/** yyyyMMddHHmmss + 11 digits of a per-database sequence: unique and sortable. */
export function ersReference(now: number, seq: number): string {
  return stamp(now) + String(seq % 1e11).padStart(11, '0');
}

/** yyyyMMdd + 9 digits of a sequence: numeric, like the 2015+ examples. */
export function invoiceReference(now: number, seq: number): string {
  return stamp(now).slice(0, 8) + String(seq % 1e9).padStart(9, '0');
}

export function terminalId(): string {
  return randomBytes(16).toString('hex');
}

/** An opaque id for the paying phone app (25–32 hex in the examples). */
export function payerTerminalId(): string {
  return randomBytes(16).toString('hex');
}
