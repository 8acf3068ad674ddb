// Views the API sends: the till's own views plus display strings and API-level readiness.
import { attentionOut } from './day-close-views.js';
import { currencyDecimals, displayAmount } from '../lib/money.js';
import type { PaymentView, Readiness } from '../till/index.js';
import type { ApiDeps } from './deps.js';
import { LANGUAGES } from '../i18n/i18n.js';

export const paymentOut = (p: PaymentView) => ({ ...p, amountText: displayAmount(p.amount, p.currency) });

/** The kiosk's readiness, plus the unconfirmed orphan the payment rules also refuse on. */
export function readinessOut(d: ApiDeps, r: Readiness = d.till.readiness()) {
  const orphan = d.till.orphan();
  if (!orphan) return r;
  return {
    ready: false,
    reasons: [...r.reasons, { code: 'orphan-unconfirmed', message: 'the last payment lost its answer from Glase; confirm it before a new payment' }],
  };
}

export function statusOut(d: ApiDeps) {
  const p = d.till.currentPayment();
  return {
    setup: d.till.setup(),
    readiness: readinessOut(d),
    ...(p ? { payment: paymentOut(p) } : {}),
    printer: d.devices.printer(),
    scanner: d.devices.scanner(),
    mode: d.config.api.mode,
    // the shop's language: the screen's words (src/i18n); the admin may switch it
    language: d.language.get(),
    languages: LANGUAGES,
    ui: { sound: d.config.ui.sound, confirmAmount: d.config.ui.confirmAmount },
    currency: d.config.terminal.currency,
    // the screen's only source for decimals (src/ui/money.js keeps no list of its own)
    currencies: currencyDecimals(),
    windowMs: d.config.payment.windowMs,
    autoCancelWindows: d.config.payment.autoCancelWindows,
    // the most the cashier may raise the Glase part to above what is left (with a confirmation)
    maxAmount: d.config.payment.maxAmount,
    // paid payments kept apart: Glase gave them another payment's ersReference
    needsChecking: d.till.paymentsToCheck().map((p) => ({ ...p, amountText: displayAmount(p.amount, p.currency) })),
    // day closes whose differences nobody acknowledged: the status bar shows them
    dayClose: attentionOut(d.till),
  };
}
