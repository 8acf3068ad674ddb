// Message catalogues (sv, en) and Intl formats for everything a cashier, a customer or a
// receipt reads. Plain browser-and-Node JavaScript without imports from outside this folder:
// the kiosk screen loads it as /i18n/i18n.js, the server imports it (types in i18n.d.ts).
import en from './en/index.js';
import sv from './sv/index.js';

export const LANGUAGES = /** @type {const} */ (['sv', 'en']);
const CATALOGUES = { sv, en };
/** Intl locale per language: numbers, currency, plural rules, time zone names. */
const LOCALES = { sv: 'sv-SE', en: 'en-GB' };

export function isLanguage(v) {
  return typeof v === 'string' && Object.hasOwn(CATALOGUES, v);
}

/** The config rule in words, for ui.language and the admin's switch. */
export const LANGUAGE_RULE = `must be one of ${LANGUAGES.join(', ')}`;

export function catalogue(lang) {
  if (!isLanguage(lang)) throw new RangeError(`language ${JSON.stringify(lang)} ${LANGUAGE_RULE}`);
  return CATALOGUES[lang];
}

/**
 * A translator for one language. `decimals(currency)` gives the currency's minor-unit digits
 * (the server: lib/money currencyExponent; the screen: what GET /api/status taught money.js),
 * so the catalogue never keeps a currency list of its own.
 */
export function translator(lang, { decimals } = {}) {
  const messages = catalogue(lang);
  const locale = LOCALES[lang];
  const plurals = new Intl.PluralRules(locale);
  const numberFormats = new Map();
  const dateFormats = new Map();

  /** The message under `key` with {name} replaced from params; an unknown key shows itself. */
  function t(key, params = {}) {
    let m = messages[key];
    if (m === undefined) return key;
    if (typeof m === 'object') m = m[plurals.select(Number(params.count ?? 0))] ?? m.other;
    return m.replace(/\{(\w+)\}/g, (all, name) => (params[name] === undefined || params[name] === null ? all : String(params[name])));
  }

  function has(key) {
    return messages[key] !== undefined;
  }

  /** Integer minor units → "1 234,50 kr" (sv) or "1,234.50 SEK" (en); no float on the way. */
  function money(minor, currency) {
    const text = format(minor, currency, lang === 'sv');
    return lang === 'sv' ? text : `${text} ${currency}`;
  }

  /** The amount alone, without the currency: "1 234,50" (sv), "1,234.50" (en). */
  function amount(minor, currency) {
    return format(minor, currency, false);
  }

  function format(minor, currency, withCurrency) {
    if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${minor} is not an integer number of minor units`);
    if (typeof decimals !== 'function') throw new Error('translator: money() needs the currency decimals (decimals option)');
    const exp = decimals(currency);
    const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
    const decimal = (minor < 0 ? '-' : '') + (exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`);
    const key = `${currency}/${exp}/${withCurrency}`;
    let f = numberFormats.get(key);
    if (!f) {
      const opts = { minimumFractionDigits: exp, maximumFractionDigits: exp };
      // sv: the shop's own way ("kr" after the amount); en: the code after, as the till always wrote it
      f = new Intl.NumberFormat(locale, withCurrency ? { ...opts, style: 'currency', currency } : opts);
      numberFormats.set(key, f);
    }
    return f.format(decimal); // a decimal string is formatted exactly (Intl.NumberFormat v3)
  }

  /** The decimal separator people type and read in this language ("," in sv). */
  const decimalSeparator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';

  /**
   * An instant as local time: "2026-11-29 16:46:07 CET" (the zone's short name in this
   * language). `zone: false` leaves the zone out (the receipt); `seconds: false` shortens it.
   */
  function dateTime(when, { timeZone, zone = true, seconds = true } = {}) {
    const d = when instanceof Date ? when : new Date(when);
    if (Number.isNaN(d.getTime())) return String(when);
    const key = `${timeZone ?? ''}/${zone}/${seconds}`;
    let f = dateFormats.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, {
        timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', ...(zone ? { timeZoneName: 'short' } : {}),
      });
      dateFormats.set(key, f);
    }
    const parts = f.formatToParts(d);
    const p = (type) => parts.find((x) => x.type === type)?.value ?? '';
    // year-month-day in every language: the date a Swedish shop writes, and unambiguous in English
    const time = `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}${seconds ? ':' + p('second') : ''}`;
    return zone ? `${time} ${p('timeZoneName')}` : time;
  }

  /**
   * A sentence the till's API sent in English (a payment's message, a readiness reason, a
   * Glase code's words) in this language: found by its English text among the `srv.*` keys
   * (en/server.js), {names} matching any text; a sentence not in the catalogue stays as sent.
   */
  function fromServer(message) {
    if (typeof message !== 'string' || message === '') return message ?? '';
    const hit = serverMatch(message);
    if (!hit) return message;
    const params = {};
    for (const [name, value] of Object.entries(hit.params)) params[name] = moneyInLanguage(value) ?? fromServer(value);
    return t(hit.key, params);
  }

  /**
   * A changing part that is an amount as the till writes it in English (lib/money displayAmount,
   * "4.00 SEK"): read back as integer minor units and said in this language ("4,00 kr"). English
   * stays as sent, so English sentences read exactly as the till made them.
   */
  function moneyInLanguage(value) {
    if (lang === 'en' || typeof decimals !== 'function') return undefined;
    const m = /^(-?)(\d+)(?:\.(\d+))? ([A-Z]{3})$/.exec(value);
    if (!m) return undefined;
    const [, sign, whole, fraction = '', currency] = m;
    let exp;
    try { exp = decimals(currency); } catch { return undefined; }
    if (fraction.length !== exp) return undefined;
    const minor = Number(sign + whole + fraction);
    return Number.isSafeInteger(minor) ? money(minor, currency) : undefined;
  }

  return { lang, locale, t, has, money, amount, decimalSeparator, dateTime, fromServer };
}

let serverIndex;
function serverMatch(message) {
  if (!serverIndex) {
    serverIndex = { exact: new Map(), patterns: [] };
    for (const [key, text] of Object.entries(en)) {
      if (!key.startsWith('srv.') || typeof text !== 'string') continue;
      if (!text.includes('{')) {
        if (!serverIndex.exact.has(text)) serverIndex.exact.set(text, key);
        continue;
      }
      const names = [];
      const source = text.split(/(\{\w+\})/).map((part) => {
        const m = /^\{(\w+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '(.+?)';
      });
      serverIndex.patterns.push({ key, names, re: new RegExp(`^${source.join('')}$`) });
    }
  }
  const key = serverIndex.exact.get(message);
  if (key) return { key, params: {} };
  for (const p of serverIndex.patterns) {
    const m = p.re.exec(message);
    if (m) return { key: p.key, params: Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]])) };
  }
  return undefined;
}

/**
 * "2026112916000012345678901" → "20261 12916 00001 23456 78901": groups of five, so the last
 * digit never stands alone and the 25 digits read aloud in five even breaths.
 */
export function groupRef(ref) {
  return String(ref ?? '').replace(/(.{5})(?=.)/g, '$1 ');
}

/** Text for a receipt printer's code page: the no-break spaces and the minus sign Intl writes → plain ASCII. */
export function paperText(s) {
  return String(s).replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\u2212/g, '-');
}
