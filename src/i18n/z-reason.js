// A day-close difference's reason in a language. The close stores each reason as a code with
// parameters (money in integer minor units), so the Z says it in the shop's language when it is
// printed or shown; a reason stored before codes existed (English text only) shows as stored.
// Plain JavaScript like i18n.js: the printer, the close and the kiosk's Close day tab use it.

/** parameters that are amounts in minor units (said as money in the language's format) */
const MONEY = new Set(['amount', 'tillAmount', 'glaseAmount', 'summaryTotal', 'detailTotal']);
/** parameters that name a cashier (absent: the catalogue's "none") */
const CASHIER = new Set(['tillCashier', 'glaseCashier']);

/**
 * @param {import('./i18n.js').Translator} tr
 * @param {{ reason: string, reasonCode?: string, reasonParams?: Record<string, string | number | null> }} d
 * @param {string} currency the Z's currency
 */
export function zReason(tr, d, currency) {
  const key = `z.reason.${d.reasonCode}`;
  if (!d.reasonCode || !tr.has(key)) return d.reason;
  const params = {};
  for (const [name, value] of Object.entries(d.reasonParams ?? {})) {
    if (MONEY.has(name) && typeof value === 'number') params[name] = tr.money(value, currency);
    else if (CASHIER.has(name)) params[name] = value ?? tr.t('z.noCashier');
    else params[name] = value;
  }
  return tr.t(key, params);
}
