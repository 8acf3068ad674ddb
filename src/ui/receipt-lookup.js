// Receipt lookup: a receipt's ersReference scanned while the till is idle opens this dialog with
// what the journal holds for it (the daemon does the lookup and sends it as a `scan` event): for a
// payment also what is refunded and still refundable, and a Refund button (refund.js, after the
// PIN). A refund's own receipt shows as such. In unattended mode the customer sees the amount and
// time only (no cashier or invoice ids, no refunds) and the dialog closes by itself.
import { $, current, groupRef, setText } from './dom.js';
import { dateTime, money, t } from './i18n.js';
import { openRefund } from './refund.js';
import { onChange, st } from './state.js';

/** Screens where nothing is going on: a lookup may cover them. */
const IDLE_SCREENS = ['s-start', 's-amount'];
const CUSTOMER_CLOSE_MS = 20_000;
let closeTimer;
/** the lookup on screen: the Refund button refunds this payment */
let shownLookup = null;

const paying = () => !!st.payment && !st.payment.final;
const unattended = () => st.mode === 'unattended';

export function initReceiptLookup() {
  $('lk-close').addEventListener('click', closeLookup);
  $('lk-refund').addEventListener('click', () => {
    const l = shownLookup;
    closeLookup();
    if (l) openRefund(l.ref, l.refunds, 'lookup');
  });
  // a payment started by the host POS takes the screen: the lookup makes way
  onChange(() => {
    if (paying() || !IDLE_SCREENS.includes(current())) closeLookup();
  });
}

/** A `scan` event; only lookups while idle are for this dialog. */
export function onLookupScan(d) {
  if (d.kind !== 'ersReference' || d.action !== 'lookup') return;
  if (paying() || !IDLE_SCREENS.includes(current())) return;
  render(d.value, d.found);
  $('lookup').hidden = false;
  clearTimeout(closeTimer);
  if (unattended()) closeTimer = setTimeout(closeLookup, CUSTOMER_CLOSE_MS);
}

export function closeLookup() {
  clearTimeout(closeTimer);
  shownLookup = null;
  $('lookup').hidden = true;
}

function render(ref, found) {
  const post = found?.post;
  const isRefund = post?.description === 'Glase refund';
  const rf = found?.refunds;
  const payment = !!post && !isRefund && rf?.kind === 'payment';
  $('lookup').dataset.found = post ? 'yes' : 'no';
  $('lk-dialog').classList.toggle('with-receipt', !!post);
  setText('lk-title', t(isRefund ? 'lookup.refundFound' : post ? 'lookup.found' : 'lookup.notFound'));
  $('lk-mark').className = 'result ' + (post ? 'ok' : 'bad');
  setText('lk-mark', post ? '✓' : '✕');
  setText('lk-amount', post ? money(post.amount, post.currency) : '');
  $('lk-amount').hidden = !post;
  setText('lk-ref', groupRef(ref));
  $('lk-ref').dataset.ers = ref;
  setText(
    'lk-missing',
    isRefund ? t('lookup.refundOf', { reference: groupRef(post.originalErsReference) }) : post ? '' : t(unattended() ? 'lookup.missingCustomer' : 'lookup.missing'),
  );
  for (const id of ['lk-row-time', 'lk-row-cashier', 'lk-row-printed']) $(id).hidden = !post;
  $('lk-row-invoice').hidden = !post || isRefund;
  if (post) {
    setText('lk-time', dateTime(post.timestamp));
    setText('lk-cashier', post.cashierId || '—');
    setText('lk-invoice', post.clientInvoiceId ?? '');
    setText('lk-printed', printed(found.jobs ?? []));
  }
  // what is refunded and what is left, and the Refund button (never for a customer)
  $('lk-row-refunded').hidden = !payment;
  $('lk-row-refundable').hidden = !payment;
  if (payment) {
    setText('lk-refunded', money(rf.refunded, rf.currency));
    setText('lk-refundable', money(rf.refundable, rf.currency));
  }
  const canRefund = payment && !unattended() && rf.refundable > 0;
  $('lk-refund').hidden = !canRefund;
  shownLookup = canRefund ? { ref, refunds: rf } : null;
  const note = unattended()
    ? t('lookup.noRefundsHere')
    : isRefund
      ? t('lookup.isRefund')
      : payment && !canRefund
        ? t('lookup.fullyRefunded')
        : !post
          ? t('lookup.elsewhere')
          : '';
  setText('lk-note', note);
  $('lk-note').hidden = !note;
  const img = $('lk-receipt');
  $('lk-receipt-box').hidden = !post;
  if (post) {
    img.hidden = false;
    img.onerror = () => (img.hidden = true);
    img.src = `/api/receipts/${encodeURIComponent(ref)}/receipt.svg`;
  } else img.removeAttribute('src');
}

/** Whether the receipt came out of the printer, and how many copies were reprinted. */
function printed(jobs) {
  const original = jobs.find((j) => !j.copy);
  const copies = jobs.filter((j) => j.copy && j.state === 'printed').length;
  const more = copies ? ` ${t('lookup.copies', { count: copies })}` : '';
  if (!original) return copies ? `${t('lookup.onlyCopy')}${more}` : t('lookup.notPrinted');
  return `${t(original.state === 'printed' ? 'lookup.printed' : 'lookup.queued')}${more}`;
}
