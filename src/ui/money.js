// Money on the screen: the API speaks integer minor units; people type "12.50" (or "12,50").
// Only string logic here, never float arithmetic, so 0.1 + 0.2 never becomes a price.
// The decimals of each currency are the till's (src/lib/money.ts), served in GET /api/status as
// `currencies`: the screen keeps no list of its own, and says so for a currency it was not told.

const decimals = new Map();

/** Learns the till's currency table ({ SEK: 2, JPY: 0, … }); app.js calls it with each status. */
export function learnCurrencies(table) {
  for (const [code, e] of Object.entries(table ?? {})) if (Number.isInteger(e) && e >= 0) decimals.set(code, e);
}

/** Decimals of a currency (ISO 4217 minor unit exponent), or undefined before the till said. */
export function exponent(currency) {
  return decimals.get(currency);
}

// Each error carries `key` and `params` for the screen's catalogue (src/i18n, money.*); `error` is the English sentence.
const unknown = (currency) => ({ error: `the till has not told the screen about ${currency} yet`, key: 'money.unknown', params: { currency } });

/**
 * Typed text → { minor } or { error } naming the rule. "12.5" SEK → 1250; "12.505" is an error,
 * never rounded. Up to 9 whole digits keeps every amount a safe integer.
 */
export function parseTyped(text, currency) {
  const exp = exponent(currency);
  if (exp === undefined) return unknown(currency);
  const s = String(text).trim().replace(',', '.');
  if (s === '') return { error: 'enter an amount', key: 'money.empty' };
  const m = /^(\d{1,9})(?:\.(\d*))?$/.exec(s);
  if (!m) return { error: 'type digits and at most one decimal point, like 12.50', key: 'money.digits' };
  const whole = m[1];
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exp) return exp === 0 ? { error: `${currency} has no decimals`, key: 'money.noDecimals', params: { currency } } : { error: `at most ${exp} decimals`, key: 'money.decimals', params: { decimals: exp } };
  const digits = (whole + frac.padEnd(exp, '0')).replace(/^0+(?=\d)/, '');
  return { minor: Number(digits) }; // an integer string of ≤ 11 digits: exact
}

/** 1250 → "12.50" (no currency). */
export function toText(minor, currency) {
  const exp = exponent(currency);
  if (exp === undefined) return `${minor} minor units`; // never a guessed decimal point
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const text = exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
  return neg ? `-${text}` : text;
}

/** 1250 → "12.50 SEK". */
export function display(minor, currency) {
  return `${toText(minor, currency)} ${currency}`;
}

/**
 * One keypad press applied to the typed text: digits, "." and "⌫". Presses that would make the
 * text invalid (a second point, too many decimals or digits) are ignored.
 */
export function press(text, key, currency) {
  const exp = exponent(currency) ?? 0; // unknown: whole digits only, until the till says
  if (key === 'back') return text.slice(0, -1);
  if (key === 'clear') return '';
  if (key === '.') {
    if (exp === 0 || text.includes('.')) return text;
    return text === '' ? '0.' : text + '.';
  }
  if (!/^\d$/.test(key)) return text;
  const [whole, frac] = text.split('.');
  if (frac !== undefined) return frac.length >= exp ? text : text + key;
  if (whole === '0') return key; // no leading zeros
  return whole.length >= 9 ? text : text + key;
}
