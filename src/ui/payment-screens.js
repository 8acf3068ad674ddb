// The screens of one Glase payment: waiting (with Cancel), the "try again / cancel the
// payment" question, paid (amount, ersReference, the receipt as printed), and the endings.
// Unattended self-checkout shows customer words, no question, and returns to start by itself.
import { call, errorText } from './api.js';
import { $, groupRef, setText, show } from './dom.js';
import { money, serverText, t } from './i18n.js';
import { acceptPayment, onChange, st } from './state.js';
import { resetSale } from './sale.js';
import { announce, sound } from './feedback.js';

/** Unattended mode goes back to the start screen this long after a result. */
export const RETURN_MS = 6000;

let returnTimer = null;
let returnFor = '';
let actionError = '';
let pending = false;

const unattended = () => st.mode === 'unattended';

function notice(p) {
  if (actionError) return actionError;
  if (p.state.startsWith('live.customerPaying')) {
    return unattended() ? t('wait.customerPayingCustomer') : serverText(p.notice) || t('wait.customerPaying');
  }
  if (p.notice) return serverText(p.notice);
  if (/unknown|cancelUnknown/i.test(p.state)) return serverText(p.message);
  return '';
}

function setNotice(id, text) {
  $(id).hidden = !text;
  setText(id, sentence(text));
}

const sentence = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : '');

/**
 * The seconds left in the 30-s window, counted down to the till's own deadline: each payment
 * event carries windowLeftMs (what was left when the till made it), so a reloaded screen or a
 * late event never restarts the count from 30.
 */
let deadline = 0; // performance.now() at which the till's window ends
let secondsTimer = null;


function tickSeconds() {
  const p = st.payment;
  if (!p || !p.state.startsWith('live.window') || typeof p.windowLeftMs !== 'number') {
    clearInterval(secondsTimer);
    secondsTimer = null;
    return;
  }
  const leftMs = Math.max(0, deadline - performance.now());
  setText('wait-seconds', t(unattended() ? 'wait.secondsCustomer' : 'wait.seconds', { seconds: Math.ceil(leftMs / 1000) }));
  // the bar follows the same deadline (a CSS transition alone stops when the screen is hidden)
  $('wait-progress').firstElementChild.style.width = `${Math.min(100, (100 * leftMs) / st.windowMs)}%`;
}

/** The bar empties and the seconds count down over what is left of the window. */
function countdown(p) {
  const running = p.state.startsWith('live.window') && typeof p.windowLeftMs === 'number';
  $('wait-progress').hidden = !running;
  $('wait-seconds').hidden = !running;
  if (!running) return tickSeconds();
  deadline = performance.now() + p.windowLeftMs;
  const bar = $('wait-progress').firstElementChild;
  bar.style.transition = 'width 250ms linear';
  tickSeconds();
  if (!secondsTimer) secondsTimer = setInterval(tickSeconds, 250);
}

function renderWait(p) {
  show('s-wait');
  // Glase does not answer: the admin may settle it outside the till (settle.js), never the customer
  $('wait-settle').hidden = !p.unreachable || unattended();
  $('wait-text').hidden = !$('wait-settle').hidden; // room for the offer on 480 px
  const amount = money(p.amount, p.currency);
  setText('wait-amount', amount);
  let title;
  let text;
  if (p.state === 'start' || p.state === 'sending') {
    title = t(unattended() ? 'wait.sending.titleCustomer' : 'wait.sending.title');
    text = t(unattended() ? 'wait.sending.textCustomer' : 'wait.sending.text');
  } else if (p.state.startsWith('paid')) {
    title = t(unattended() ? 'wait.paid.titleCustomer' : 'wait.paid.title');
    text = t('wait.paid.text');
  } else if (/cancelling|cancelUnknown/.test(p.state)) {
    title = t('wait.cancelling.title');
    text = sentence(serverText(p.message));
  } else if (unattended()) {
    title = t('wait.titleCustomer');
    text = t('wait.textCustomer');
  } else {
    title = t('wait.title');
    text = t('wait.text');
  }
  setText('wait-title', title);
  setText('wait-text', text);
  announce(`${p.paymentId}/${title}`, `${title} ${amount}`);
  setNotice('wait-notice', notice(p));
  countdown(p);
  const cancel = $('wait-cancel');
  cancel.hidden = !p.canCancel && !/cancelling/.test(p.state);
  cancel.disabled = !p.canCancel || pending;
  cancel.textContent = t(/cancelling/.test(p.state) ? 'wait.cancelling' : unattended() ? 'wait.cancelCustomer' : 'wait.cancel');
}

function renderQuestion(p) {
  show('s-question');
  $('q-settle').hidden = !p.unreachable || unattended();
  setText('q-amount', money(p.amount, p.currency));
  setNotice('q-notice', notice(p));
  $('q-again').disabled = !p.canTryAgain || pending;
  $('q-cancel').disabled = !p.canCancel || pending;
}

function receiptImage(img, ers) {
  if (!ers) return;
  const src = `/api/receipts/last.svg?ers=${encodeURIComponent(ers)}&n=${st.lastReceipt?.ersReference === ers ? 1 : 0}`;
  if (img.getAttribute('src') === src) return;
  img.hidden = false;
  img.onerror = () => (img.hidden = true);
  img.src = src;
}

function renderPaid(p) {
  show('s-paid');
  setText('paid-title', t(unattended() ? 'paid.titleCustomer' : 'paid.title'));
  setText('paid-amount', money(p.amount, p.currency));
  setText('paid-ref', groupRef(p.ersReference));
  $('paid-ref').dataset.ers = p.ersReference ?? '';
  const printed = st.lastReceipt?.ersReference === p.ersReference || p.receiptSubmitted !== undefined;
  setText('paid-print', t(p.final ? (printed ? 'paid.printed' : 'paid.sentToPrinter') : 'paid.printing'));
  $('paid-done').textContent = t(unattended() ? 'paid.done' : 'paid.newSale');
  receiptImage($('paid-receipt'), p.final || printed ? p.ersReference : undefined);
  if (announced(p, 'paid')) {
    announce(`${p.paymentId}/paid`, t('paid.announce', { amount: money(p.amount, p.currency) }));
    sound('paid');
  }
  autoReturn(p, 'paid-return');
}

/** The endings with a title of their own (ended.<outcome> for the cashier, …Customer for a customer). */
const ENDINGS = ['cancelled', 'failed', 'refused', 'orphaned', 'needsChecking', 'settledOutside'];

function renderEnded(p) {
  show('s-ended');
  const ending = ENDINGS.includes(p.outcome) ? p.outcome : 'other';
  setText('ended-title', t(`ended.${ending}${unattended() ? 'Customer' : ''}`));
  setText('ended-amount', money(p.amount, p.currency));
  // reason is a code for logs; message is in words (never a state or a code on the screen)
  setText('ended-reason', sentence(serverText(p.message)));
  if (announced(p, 'ended')) {
    announce(`${p.paymentId}/ended`, t('ended.announce', { title: $('ended-title').textContent, amount: money(p.amount, p.currency), reason: $('ended-reason').textContent }), { urgent: true });
    // needsChecking was paid; every other ending is a failure or a cancel
    sound(p.outcome === 'needsChecking' ? 'paid' : 'failed');
  }
  autoReturn(p, 'ended-return');
}

/** True the first time a payment reaches a result (paid or ended): it is announced and sounded once. */
const resultsSeen = new Set();
function announced(p, kind) {
  const key = `${p.paymentId}/${kind}`;
  if (resultsSeen.has(key)) return false;
  resultsSeen.add(key);
  return true;
}

/** Unattended: back to the start screen a few seconds after a result, with a visible count. */
function autoReturn(p, id) {
  if (!unattended() || !p.final) return setText(id, '');
  if (returnFor === p.paymentId) return;
  returnFor = p.paymentId;
  const until = Date.now() + RETURN_MS;
  clearInterval(returnTimer);
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0 || st.payment?.paymentId !== p.paymentId) {
      clearInterval(returnTimer);
      if (left <= 0) finish(p);
      return;
    }
    setText(id, t('ended.returnIn', { seconds: left }));
  };
  tick();
  returnTimer = setInterval(tick, 250);
}

function finish(p) {
  clearInterval(returnTimer);
  if (p.outcome === 'completed') resetSale();
  app.dismiss(p.paymentId);
}

export function renderPayment(p) {
  if (p.final) {
    if (p.outcome === 'completed') renderPaid(p);
    else renderEnded(p);
  } else if (p.state.startsWith('paid')) renderPaid(p);
  else if (p.state === 'live.question' && !unattended()) renderQuestion(p);
  else renderWait(p);
}

async function act(what) {
  const p = st.payment;
  if (!p || pending) return;
  pending = true;
  actionError = '';
  renderPayment(p);
  const r = await call('POST', `/api/payments/${encodeURIComponent(p.paymentId)}/${what}`, {});
  pending = false;
  if (!r.ok) actionError = errorText(r.error);
  else if (r.data && r.data.paymentId === p.paymentId) acceptPayment(r.data);
  renderPayment(st.payment);
}

/** app.js's screen routing, handed in at boot (app.js imports this module, not the reverse). */
let app = { dismiss(_paymentId) {} };

export function initPaymentScreens(appHooks) {
  app = appHooks;
  $('wait-cancel').addEventListener('click', () => act('cancel'));
  $('q-cancel').addEventListener('click', () => act('cancel'));
  $('q-again').addEventListener('click', () => act('try-again'));
  $('paid-done').addEventListener('click', () => st.payment && finish(st.payment));
  $('ended-done').addEventListener('click', () => st.payment && finish(st.payment));
  onChange((what) => {
    if (what === 'payment') actionError = ''; // a new state answers the last problem
  });
}
