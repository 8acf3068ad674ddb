// The kiosk screen: boots from /api/status, follows /api/events, and picks the screen that
// fits the payment on the till. The cashier (or customer) screens live in payment-screens.js,
// the amount entry in sale.js, the admin menu in admin.js, a scanned receipt in receipt-lookup.js,
// refunds in refund.js (and the admin menu's Refunds tab in refund-admin.js).
import { call, subscribe } from './api.js';
import { $, current, setText, show } from './dom.js';
import { onScreenKeyboard } from './keypad.js';
import { acceptPayment, changed, st, unavailableReasons } from './state.js';
import { learnCurrencies } from './money.js';
import { onLanguage, setLanguage, t, translatePage } from './i18n.js';
import { initSale, renderSale } from './sale.js';
import { initPaymentScreens, renderPayment } from './payment-screens.js';
import { initAdmin, openPin, onScan } from './admin.js';
import { initReceiptLookup, onLookupScan } from './receipt-lookup.js';
import { initRefund, onRefundEvent } from './refund.js';
import { initRefundAdmin, refundsTabShown } from './refund-admin.js';
import { initDayClose, onDayCloseEvent, renderAttention } from './day-close.js';
import { initAdminLanguage } from './admin-language.js';
import { setSound, toast } from './feedback.js';
import { initSettle, settleScreenOpen } from './settle.js';

/** Payments the cashier has closed (or that were over before the screen loaded). */
const dismissed = new Set();
// screens behind the PIN: an admin (or a refund) is at work, the sale screen must not take over
const ADMIN_SCREENS = ['s-pin', 's-admin', 's-refund', 's-refund-result', 's-settle'];
/** the PIN screen was opened from the waiting screen's "settle outside the till" */
let settling = false;

function applyStatus(s) {
  st.mode = s.mode ?? st.mode;
  st.currency = s.currency ?? st.currency;
  learnCurrencies(s.currencies);
  setLanguage(s.language);
  if (s.ui) {
    setSound(s.ui.sound);
    st.confirmAmount = s.ui.confirmAmount !== false;
  }
  st.windowMs = s.windowMs ?? st.windowMs;
  st.maxAmount = s.maxAmount ?? st.maxAmount;
  st.autoCancelWindows = s.autoCancelWindows ?? st.autoCancelWindows;
  if (s.setup) st.setup = s.setup;
  if (s.dayClose) renderAttention(s.dayClose);
  if (s.readiness) st.readiness = s.readiness;
  if (s.printer) st.printer = s.printer;
  if (s.scanner) st.scanner = s.scanner;
  if (s.setup) st.receipt = s.receipt ?? null; // a full status: no receipt field means none is active
  document.body.classList.toggle('mode-unattended', st.mode === 'unattended');
  document.body.classList.toggle('mode-cashier', st.mode !== 'unattended');
}

/** Which screen now: an open payment always wins; a finished one shows until dismissed. */
function route() {
  const p = st.payment;
  const live = p && !p.final;
  const result = p && p.final && !dismissed.has(p.paymentId);
  // the admin is settling a stuck payment (settle.js): its PIN and settle screens stay up
  if (!live) settling = false;
  if (live && (settleScreenOpen() || (current() === 's-pin' && settling))) return;
  if (live || result) {
    renderPayment(p);
    return;
  }
  if (ADMIN_SCREENS.includes(current()) || current() === 's-amount') return;
  show('s-start');
  renderSale();
}

/** The cashier closes a result (or unattended mode does it after a few seconds). */
function dismiss(paymentId) {
  dismissed.add(paymentId);
  if (st.payment?.paymentId === paymentId) {
    show('s-start');
    renderSale();
  }
}

/** The till accepted a payment we started: show it without waiting for its first event. */
function paymentStarted(p) {
  acceptPayment(p);
  update('payment');
}

function renderHeader() {
  const why = unavailableReasons();
  const paying = st.connected && st.payment && !st.payment.final;
  $('status-dot').className = 'dot ' + (paying ? 'busy' : why.length === 0 ? 'ok' : 'bad');
  setText('status-text', paying ? t('header.paying') : why.length === 0 ? t('header.ready') : t('header.unavailable', { why: why[0] }));
  setText('mode-tag', t(st.mode === 'unattended' ? 'header.selfCheckout' : 'header.cashier'));
  $('conn-banner').hidden = st.connected;
  document.body.classList.toggle('paying', !!st.payment && !st.payment.final);
}

async function boot() {
  // a long press on a touchscreen must not open the browser's menu in kiosk mode
  document.addEventListener('contextmenu', (e) => e.preventDefault());
  translatePage();
  onLanguage(() => update('language'));
  // Escape on a physical keyboard answers an open dialog the safe way: close, keep, go back
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const safe = { lookup: 'lk-close', confirm: 'confirm-no', 'rf-confirm': 'rf-confirm-no' };
    const open = Object.keys(safe).find((id) => !$(id).hidden);
    if (!open) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    $(safe[open]).click();
  });
  onScreenKeyboard($('osk'));
  initSale({ route, paymentStarted });
  initPaymentScreens({ dismiss });
  initAdmin({ route });
  initReceiptLookup();
  initRefund({ route, adminShown: refundsTabShown });
  initRefundAdmin();
  initDayClose();
  initAdminLanguage();
  initSettle({ route });
  for (const id of ['wait-settle', 'q-settle']) $(id).addEventListener('click', () => (settling = true));
  $('admin-btn').addEventListener('click', () => {
    if (st.payment && !st.payment.final) return; // never leave a running payment's screen
    openPin();
  });

  const r = await call('GET', '/api/status');
  if (r.ok) {
    applyStatus(r.data);
    st.connected = true;
    // A payment that was already over when the screen loaded is not shown again.
    if (r.data.payment) {
      if (r.data.payment.final) dismissed.add(r.data.payment.paymentId);
      acceptPayment(r.data.payment);
    }
  }
  show('s-start');
  update('status');

  subscribe(
    {
      payment: (d) => {
        const p = d.payment ?? d;
        acceptPayment(p);
        update('payment');
        if (p.final) refreshReadiness(); // an ending can add a reason (an unconfirmed payment)
      },
      setup: (d) => {
        st.setup = d.setup ?? d;
        update('setup');
      },
      readiness: (d) => {
        st.readiness = d.readiness ?? d;
        update('readiness');
        refreshReadiness();
      },
      printer: (d) => {
        st.printer = { ...(st.printer ?? {}), ...(d.printer ?? d) };
        update('printer');
      },
      status: (d) => {
        applyStatus(d);
        update('status');
      },
      receipt: (d) => {
        st.lastReceipt = d;
        update('receipt');
      },
      'receipt-active': (d) => {
        const old = st.receipt;
        st.receipt = d && typeof d.total === 'number' ? d : null;
        // the amount dialog was for the old receipt: back to the start screen to show the new one
        const same = old && st.receipt && old.total === st.receipt.total && old.alreadyPaid === st.receipt.alreadyPaid;
        if (current() === 's-amount' && !same) show('s-start');
        update('receipt-active');
      },
      refund: (d) => onRefundEvent(d),
      'day-close': (d) => onDayCloseEvent(d),
      // the admin switched the shop's language: every screen speaks it from now on
      language: (d) => setLanguage(d.language),
      scan: (d) => {
        onScan(d);
        onLookupScan(d);
        // a code that is neither a sticker nor a receipt: brief feedback, never acted on
        if (d.kind === 'junk' && current() !== 's-admin') toast(t('scan.junk'));
      },
    },
    async (up) => {
      const was = st.connected;
      st.connected = up;
      if (up && !was) {
        // After a reconnect the status may have changed in ways events do not replay (mode, settings).
        const s = await call('GET', '/api/status');
        if (s.ok) applyStatus(s.data);
      }
      update('connection');
    },
  );
}

/** /api/readiness is the API's full view (it adds reasons the till's own event lacks). */
async function refreshReadiness() {
  const r = await call('GET', '/api/readiness');
  if (!r.ok) return;
  st.readiness = r.data;
  update('readiness');
}

function update(what) {
  renderHeader();
  changed(what);
  route();
}

boot();
