// What the screen knows about the till, kept current by /api/status and the event stream.
// Screens read it and subscribe to changes; only app.js writes the till's part.

export const st = {
  connected: false,
  mode: 'cashier',
  currency: 'SEK',
  windowMs: 30000,
  autoCancelWindows: 2,
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
  if (!st.connected) return ['the screen has lost its connection to the till'];
  if (!st.readiness) return ['checking the till…'];
  if (st.readiness.ready) return [];
  const reasons = (st.readiness.reasons ?? []).map((r) => r.message || r.code);
  return reasons.length ? reasons : ['Glase is not ready'];
}
