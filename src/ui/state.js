// What the screen knows about the till, kept current by /api/status and the event stream.
// Screens read it and subscribe to changes; only app.js writes the till's part.
import { serverText, t } from './i18n.js';

export const st = {
  connected: false,
  mode: 'cashier',
  currency: 'SEK',
  windowMs: 30000,
  autoCancelWindows: 2,
  confirmAmount: true, // ui.confirmAmount: false goes from "Glase payment" straight to waiting
  maxAmount: 1000000, // payment.maxAmount: the cashier may raise the Glase part up to this (minor units)
  setup: null, // SetupView
  readiness: null, // { ready, reasons: [{code, message}] }
  printer: null, // { ready, reason?, kind }
  scanner: null, // { connected, kind }
  payment: null, // the PaymentView on screen
  lastReceipt: null, // { ersReference, svgUrl }
  receipt: null, // the host POS's active receipt (GET /api/receipt), or null: the keypad stands in
};

const listeners = new Set();

export function onChange(fn) {
  listeners.add(fn);
}

export function changed(what) {
  for (const fn of listeners) fn(what);
}

/** Readiness reasons in words; connection loss first because it hides everything else. */
export function unavailableReasons() {
  if (!st.connected) return [t('why.connection')];
  if (!st.readiness) return [t('why.checking')];
  if (st.readiness.ready) return [];
  // the till's reasons arrive in English; the code is never shown (an internal name)
  const reasons = (st.readiness.reasons ?? []).map((r) => serverText(r.message) || t('why.notReady'));
  return reasons.length ? reasons : [t('why.notReady')];
}

/**
 * Takes a view of a payment unless it is older than the one held: the answer to a POST and
 * the event stream arrive on different connections, so a "sending" or "cancelling" answer
 * can land after the event that already ended the payment.
 */
export function acceptPayment(p) {
  if (!p || !p.paymentId) return;
  const old = st.payment;
  if (old && old.paymentId === p.paymentId) {
    if (old.final && !p.final) return;
    if ((old.version ?? 0) > (p.version ?? 0)) return;
  }
  st.payment = p;
}
