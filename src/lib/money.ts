// Money is integer minor units inside the till; decimal strings only at the edges
// (the SOAP wire, the CLI, the screen). Never a float.
import { GlasePosError } from './errors.js';

/** ISO 4217 minor-unit exponents for the currencies a till may be configured with. */
const EXPONENTS: Record<string, number> = {
  SEK: 2, NOK: 2, DKK: 2, EUR: 2, USD: 2, GBP: 2, CHF: 2, PLN: 2, CZK: 2, HUF: 2,
  ISK: 0, JPY: 0, KRW: 0,
};

export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(EXPONENTS, code);
}

/** Every supported currency with its decimals: the kiosk screen gets this table from the till (GET /api/status). */
export function currencyDecimals(): Record<string, number> {
  return { ...EXPONENTS };
}

export function currencyExponent(currency: string): number {
  const e = EXPONENTS[currency];
  if (e === undefined) throw new RangeError(`currency ${JSON.stringify(currency)} is not a supported ISO 4217 code`);
  return e;
}

/**
 * The largest amount one payment, receipt or invoice row may carry, in major units of its
 * currency (1 000 000 SEK, 1 000 000 JPY). Every amount is bounded by it, so sums of up to a
 * few hundred rows stay far inside the exact integer range of a double.
 */
export const MAX_AMOUNT_MAJOR = 1_000_000;

/** MAX_AMOUNT_MAJOR in the currency's minor units. */
export function maxAmountMinor(currency: string): number {
  return MAX_AMOUNT_MAJOR * 10 ** currencyExponent(currency);
}

/** Sums minor units exactly (BigInt): a float sum of large amounts rounds and can balance a lie. */
export function exactSum(amounts: Iterable<number>): bigint {
  let sum = 0n;
  for (const a of amounts) sum += BigInt(a);
  return sum;
}

export class AmountFormatError extends GlasePosError {
  constructor(message: string) {
    super('amount.format', message);
  }
}

/**
 * Parses a decimal string ("12.5", "12.50", "-3.00", "500") into minor units.
 * More decimals than the currency allows is an error, never rounded: "12.505" SEK throws.
 * Trailing zeros beyond the exponent are accepted ("100.00000" from reports).
 */
export function parseAmount(text: string, currency: string): number {
  const exp = currencyExponent(currency);
  const m = /^\s*([+-]?)(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) throw new AmountFormatError(`amount ${JSON.stringify(text)} is not a decimal number like 12.50`);
  const [, sign, whole, rawFrac = ''] = m;
  const frac = rawFrac.replace(/0+$/, '');
  if (frac.length > exp) {
    throw new AmountFormatError(`amount ${JSON.stringify(text)} has more than ${exp} decimals for ${currency}`);
  }
  const minor = BigInt(whole + frac.padEnd(exp, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountFormatError(`amount ${JSON.stringify(text)} is too large`);
  const n = Number(minor);
  return sign === '-' && n !== 0 ? -n : n;
}

/** Formats minor units as the wire's `#.##` decimal string: 1250 SEK → "12.50". */
export function formatAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new AmountFormatError(`amount ${minor} is not an integer number of minor units`);
  const exp = currencyExponent(currency);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const text = exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
  return neg ? `-${text}` : text;
}

/** "12.50 SEK" for people. */
export function displayAmount(minor: number, currency: string): string {
  return `${formatAmount(minor, currency)} ${currency}`;
}
