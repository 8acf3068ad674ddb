// The refund screens: after the PIN, an amount keypad pre-filled with what is still refundable
// (and an optional reason), a confirmation, then the result: refunded (reference and the refund
// receipt as printed), not refunded (why, in Glase's words), or in doubt (Glase did not answer:
// the money may have gone back, so the cashier must not pay it back another way).
import { adminCall, endAdminSession, withAdminSession } from './admin.js';
import { errorText } from './api.js';
import { $, groupRef, setText, show } from './dom.js';
import { keypad } from './keypad.js';
import { parseTyped, press, toText } from './money.js';
import { money, serverText, t, typed } from './i18n.js';
import { st } from './state.js';

/** app.js's screen routing, handed in at boot. */
let app = { route() {} };
/** the refund being entered: { ers, summary (PaymentRefunds), from: 'lookup' | 'admin', text } */
let r = null;
/** the refund on the result screen, and the newest view of every refund seen on the events */
let shown = null;
const latest = new Map();

const sentence = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : '');
const currency = () => r?.summary?.currency ?? st.currency;

/** Starts a refund of a payment; asks for the PIN first unless an admin session is open. */
export function openRefund(ers, summary, from) {
  const c = summary?.currency ?? st.currency;
  r = { ers, summary, from, text: summary?.refundable ? toText(summary.refundable, c) : '' };
  withAdminSession(() => {
    show('s-refund');
    $('rf-reason').value = '';
    setText('rf-err', '');
    render();
  });
}

function render() {
  const c = currency();
  const s = r.summary;
  setText(
    'rf-payment',
    s?.kind === 'payment'
      ? t('refund.payment', { reference: groupRef(r.ers), paid: money(s.paid, c), refunded: money(s.refunded, c) })
      : t('refund.unrecorded', { reference: groupRef(r.ers) }),
  );
  setText('rf-amount', `${typed(r.text || '0')} ${c}`);
  setText('rf-hint', s?.refundable !== undefined ? t('refund.atMost', { amount: money(s.refundable, c) }) : '');
  $('rf-go').disabled = r.text === '';
}

function askConfirm() {
  const p = parseTyped(r.text, currency());
  if (p.error) return setText('rf-err', t('refund.amountProblem', { problem: p.key ? t(p.key, p.params) : p.error }));
  if (p.minor <= 0) return setText('rf-err', t('refund.amountZero'));
  setText('rf-err', '');
  r.minor = p.minor;
  const reason = $('rf-reason').value.trim();
  setText('rf-confirm-text', reason ? t('refund.confirmWhy', { amount: money(p.minor, currency()), reason }) : t('refund.confirm', { amount: money(p.minor, currency()) }));
  $('rf-confirm').hidden = false;
}

async function send() {
  $('rf-confirm').hidden = true;
  $('rf-go').disabled = true;
  const reason = $('rf-reason').value.trim();
  const res = await adminCall('/api/refunds', { ersReference: r.ers, amount: r.minor, ...(reason ? { reason } : {}) });
  $('rf-go').disabled = false;
  if (!res.ok) {
    if (res.status !== 401) setText('rf-err', errorText(res.error));
    return;
  }
  showRefund(res.data, r.from);
}

/** Shows a refund's progress and result (also for one the admin menu sent again). */
export function showRefund(view, from) {
  shown = { refundId: view.refundId, from };
  show('s-refund-result');
  renderResult(latest.get(view.refundId) ?? view);
}

/** A `refund` event. */
export function onRefundEvent(v) {
  latest.set(v.refundId, v);
  if (shown?.refundId === v.refundId && document.body.dataset.screen === 's-refund-result') renderResult(v);
}

function renderResult(v) {
  const c = v.currency;
  const done = v.outcome === 'completed';
  // refunded at Glase, but its new reference was booked for another post: not "not done"
  const checking = v.outcome === 'needsChecking';
  const doubt = v.state === 'unknown';
  const over = v.final || doubt;
  $('rr-mark').className = 'result ' + (done ? 'ok' : doubt || checking ? 'warn' : over ? 'bad' : '');
  setText('rr-mark', done ? '✓' : doubt ? '?' : checking ? '!' : over ? '✕' : '…');
  setText('rr-title', t(done ? 'refund.done' : doubt ? 'refund.doubt' : checking ? 'refund.needsChecking' : over ? 'refund.notDone' : 'refund.running'));
  setText('rr-amount', money(v.amount, c));
  setText('rr-text', done ? t('refund.doneText') : sentence(serverText(v.message)));
  $('rr-ref-box').hidden = !done;
  setText('rr-ref', done ? groupRef(v.refundErsReference) : '');
  $('rr-ref').dataset.ers = done ? v.refundErsReference : '';
  $('rr-done').hidden = !over;
  const box = $('rr-receipt-box');
  box.hidden = !done;
  if (done) {
    const img = $('rr-receipt');
    img.onerror = () => (box.hidden = true);
    img.src = `/api/receipts/${encodeURIComponent(v.refundErsReference)}/receipt.svg`;
  }
}

/** Back to where the refund started: the start screen (session over) or the admin menu. */
function leave(from) {
  shown = null;
  r = null;
  if (from === 'admin') {
    show('s-admin');
    return app.adminShown?.();
  }
  endAdminSession();
  show('s-start');
  app.route();
}

export function initRefund(appHooks) {
  app = appHooks;
  keypad(
    $('kp-refund'),
    (key) => {
      if (!r) return;
      r.text = press(r.text, key, currency());
      setText('rf-err', '');
      render();
    },
    { onEnter: () => !$('rf-go').disabled && askConfirm(), onEscape: () => leave(r?.from) },
  );
  $('rf-go').addEventListener('click', askConfirm);
  $('rf-back').addEventListener('click', () => leave(r?.from));
  $('rf-confirm-no').addEventListener('click', () => ($('rf-confirm').hidden = true));
  $('rf-confirm-yes').addEventListener('click', send);
  $('rr-done').addEventListener('click', () => leave(shown?.from));
}
