// The screen's words and formats in the shop's language: the catalogues of src/i18n (served as
// /i18n/), the language from GET /api/status and the admin's `language` event. Static text in
// index.html carries data-i18n="key" (data-i18n-label, -placeholder, -alt for attributes);
// code calls t('key', {name}) and money(minor). Changing the language re-renders every screen.
import { translator } from '../i18n/i18n.js';
import { zReason } from '../i18n/z-reason.js';
import { exponent } from './money.js';

let tr = translator('en', { decimals: decimalsOf });
const listeners = new Set();

function decimalsOf(currency) {
  const e = exponent(currency);
  if (e === undefined) throw new RangeError(`the till has not told the screen about ${currency} yet`);
  return e;
}

export const t = (key, params) => tr.t(key, params);
/** A sentence the till sent in English (payment message, readiness reason) in the screen's language. */
export const serverText = (message) => tr.fromServer(message);
export const language = () => tr.lang;
/** A day-close difference's reason in the screen's language (stored English when it has no code). */
export const zReasonText = (d, currency) => zReason(tr, d, currency);
export const has = (key) => tr.has(key);

/** 1250 SEK → "12,50 kr" (sv) or "12.50 SEK" (en); before the till named the currency, the minor units. */
export function money(minor, currency) {
  if (exponent(currency) === undefined) return t('money.unknownCurrency', { minor, currency });
  return tr.money(minor, currency);
}

/** The amount alone ("1 234,50" in sv); before the till named the currency, the minor units. */
export function amountText(minor, currency) {
  if (exponent(currency) === undefined) return t('money.unknownCurrency', { minor, currency });
  return tr.amount(minor, currency);
}

/** What the cashier typed ("12.5"), shown with the language's decimal separator ("12,5" in sv). */
export const typed = (text) => String(text).replace('.', tr.decimalSeparator);

/** An ISO instant as local time with its zone: "2026-11-29 16:46:07 CET". */
export const dateTime = (iso, opts) => tr.dateTime(iso, opts);

/** Switches the screen's language (from the status or the admin's switch); no-op when unchanged. */
export function setLanguage(lang) {
  if (!lang || lang === tr.lang) return;
  try {
    tr = translator(lang, { decimals: decimalsOf });
  } catch {
    return; // a language this screen does not know: keep the one it has
  }
  translatePage();
  for (const fn of listeners) fn(lang);
}

export function onLanguage(fn) {
  listeners.add(fn);
}

const ATTRIBUTES = { 'data-i18n-label': 'aria-label', 'data-i18n-placeholder': 'placeholder', 'data-i18n-alt': 'alt', 'data-i18n-title': 'title' };

/** Fills every data-i18n element under root (the whole page by default) in the current language. */
export function translatePage(root = document) {
  document.documentElement.lang = tr.lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [data, attr] of Object.entries(ATTRIBUTES)) {
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attr, t(el.getAttribute(data)));
  }
}
