// The start screen (receipt total, other tenders, the Glase payment button) and the Glase
// dialog (the pre-entered amount, which the cashier may lower — Glase is paid last, so the
// other tenders come first — or raise up to payment.maxAmount; either is confirmed, showing
// the difference, or corrected).
import { call, errorText } from './api.js';
import { $, current, setText, show } from './dom.js';
import { keypad } from './keypad.js';
import { parseTyped, press, toText } from './money.js';
import { amountText, money, t as tr, typed } from './i18n.js';
import { st, unavailableReasons } from './state.js';

const sale = { total: '', paid: '', field: 'total', amount: '', fresh: true, sending: false, confirmed: undefined };

function minorOf(text) {
  if (text === '') return { minor: 0 };
  return parseTyped(text, st.currency);
}

/** Receipt total, already paid and what is left, or the first problem in words. */
function tender() {
  // the host POS's active receipt stands in for the keypad values
  const r = st.receipt;
  if (r) return { total: r.total, paid: r.alreadyPaid, left: r.total - r.alreadyPaid, host: r };
  const total = minorOf(sale.total);
  const paid = st.mode === 'unattended' ? { minor: 0 } : minorOf(sale.paid);
  if (total.error) return { error: tr('sale.totalProblem', { problem: moneyError(total) }) };
  if (paid.error) return { error: tr('sale.paidProblem', { problem: moneyError(paid) }) };
  if (paid.minor > total.minor) return { error: tr('sale.paidMoreThanTotal') };
  return { total: total.minor, paid: paid.minor, left: total.minor - paid.minor };
}

/** money.js's problem with typed text, in the screen's language. */
function moneyError(r) {
  return r.key ? tr(r.key, r.params) : r.error;
}

// The typed receipt survives a page reload (the screen reloads itself after a till restart).
const SAVED = 'glase-sale';
function save() {
  try {
    sessionStorage.setItem(SAVED, JSON.stringify({ total: sale.total, paid: sale.paid }));
  } catch {
    /* storage off: nothing to keep */
  }
}
function restore() {
  try {
    const v = JSON.parse(sessionStorage.getItem(SAVED) ?? '{}');
    const ok = (x) => typeof x === 'string' && /^\d{0,9}(\.\d{0,2})?$/.test(x);
    if (ok(v.total)) sale.total = v.total;
    if (ok(v.paid)) sale.paid = v.paid;
  } catch {
    /* nothing saved */
  }
}

export function renderSale() {
  save();
  const host = st.receipt;
  setText('v-total', host ? amountText(host.total, st.currency) : sale.total === '' ? '0' : typed(sale.total));
  setText('v-paid', host ? amountText(host.alreadyPaid, st.currency) : sale.paid === '' ? '0' : typed(sale.paid));
  for (const f of ['total', 'paid']) {
    $('f-' + f).classList.toggle('selected', !host && sale.field === f);
    $('f-' + f).classList.toggle('from-host', !!host);
  }
  renderHostReceipt(host);
  const t = tender();
  setText('v-left', t.error ? '—' : money(t.left, st.currency));
  setText('start-err', t.error ?? '');
  const why = unavailableReasons();
  const btn = $('glase-btn');
  btn.textContent = tr(st.mode === 'unattended' ? 'sale.payCustomer' : 'sale.glasePayment');
  btn.disabled = why.length > 0 || !!t.error || t.total <= 0 || t.left <= 0;
  const box = $('why');
  box.innerHTML = '';
  if (why.length) {
    const h = document.createElement('b');
    h.textContent = tr(st.mode === 'unattended' ? 'sale.unavailableCustomer' : 'sale.unavailable');
    box.appendChild(h);
    const ul = document.createElement('ul');
    for (const w of st.mode === 'unattended' ? [] : why) {
      const li = document.createElement('li');
      li.textContent = w;
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }
  // A payment whose sendInvoice answer was lost blocks new ones until the cashier has checked
  // it (with the customer or the back office); the confirm takes the payment button's place.
  const orphan = st.mode !== 'unattended' && (st.readiness?.reasons ?? []).some((r) => /orphan/i.test(r.code));
  $('orphan-confirm').hidden = !orphan;
  btn.hidden = orphan;
  if (why.length) return;
  if (!t.error && t.total > 0 && t.left <= 0) {
    box.textContent = tr('sale.nothingLeft');
  } else if (!t.error && t.total <= 0) {
    box.textContent = tr(st.mode === 'unattended' ? 'sale.enterAmountCustomer' : 'sale.enterTotal');
  }
}

/** The pushed receipt's rows (or its title and cashier) where the keypad was. */
function renderHostReceipt(host) {
  $('kp-start').hidden = !!host;
  $('host-receipt').hidden = !host;
  if (!host) return;
  const who = [host.title, host.cashierId ? tr('sale.hostCashier', { cashier: host.cashierId }) : ''].filter(Boolean).join(' · ');
  setText('hr-source', who ? tr('sale.hostReceiptBy', { who }) : tr('sale.hostReceipt'));
  const ul = $('hr-rows');
  ul.innerHTML = '';
  const line = (text, amount, cls) => {
    const li = document.createElement('li');
    if (cls) li.className = cls;
    const a = document.createElement('span');
    a.textContent = text;
    const b = document.createElement('b');
    b.textContent = amountText(amount, st.currency);
    li.append(a, b);
    ul.appendChild(li);
  };
  for (const r of host.rows ?? []) line(r.quantity && r.quantity !== '1' ? `${r.quantity} × ${r.description}` : r.description, r.amount);
  if (host.alreadyPaid > 0) line(tr('sale.alreadyPaid'), -host.alreadyPaid, 'paid');
}

/**
 * Invoice rows for the Glase part, which must sum to its amount: the pushed rows when they do;
 * when Glase pays exactly what is left, the rows plus a negative "Already paid" row to balance
 * (the spec allows balancing rows for other payments); otherwise none.
 */
function invoiceRows(host, amount) {
  if (!host.rows?.length) return undefined;
  const rows = host.rows.map((r) => ({ description: r.description, quantity: r.quantity, amount: r.amount }));
  const sum = rows.reduce((n, r) => n + r.amount, 0);
  if (sum === amount) return rows;
  if (sum === host.total && host.alreadyPaid > 0 && amount === host.total - host.alreadyPaid) return [...rows, { description: 'Already paid', quantity: '1', amount: -host.alreadyPaid }];
  return undefined;
}

function renderAmount() {
  const t = tender();
  setText('v-amount', sale.amount === '' ? '0' : typed(sale.amount));
  const most = Math.max(st.maxAmount, t.left ?? 0);
  setText('amount-hint', t.error ? '' : tr('amount.hintRaise', { left: money(t.left, st.currency), most: money(most, st.currency) }));
  const a = checkAmount();
  setText('amount-err', sale.amount === '' || a.minor !== undefined ? '' : a.error);
  $('pay-btn').disabled = a.minor === undefined || sale.sending;
}

function checkAmount() {
  const t = tender();
  if (t.error) return { error: t.error };
  const a = parseTyped(sale.amount, st.currency);
  if (a.error) return { error: moneyError(a) };
  if (a.minor <= 0) return { error: tr('amount.zero') };
  if (a.minor > t.left && a.minor > st.maxAmount) return { error: tr('amount.overMax', { most: money(st.maxAmount, st.currency) }) };
  return a;
}

/**
 * An amount other than what is left is confirmed first, showing the difference: above it is a
 * raise; below it, Glase is paid last, so the other tenders must be taken first.
 */
function askConfirm(amount, t) {
  const diff = amount - t.left;
  const m = (minor) => money(minor, st.currency);
  if (diff > 0) {
    setText('ac-title', tr('amount.raise.title'));
    setText('ac-text', tr('amount.raise.text', { amount: m(amount), diff: m(diff), left: m(t.left) }));
    setText('ac-ok', tr('amount.raise.ok', { diff: m(diff) }));
  } else {
    setText('ac-title', tr('amount.last.title'));
    setText('ac-text', tr('amount.last.text', { rest: m(-diff), left: m(t.left), amount: m(amount) }));
    setText('ac-ok', tr('amount.last.ok'));
  }
  showConfirm(true);
}

function showConfirm(on) {
  $('amount-confirm').hidden = !on;
  $('amount-buttons').hidden = on;
  $('amount-hint').hidden = on;
}

function openAmount() {
  const t = tender();
  if (t.error || t.left <= 0) return;
  sale.amount = toText(t.left, st.currency);
  sale.fresh = true; // the first key replaces the pre-entered amount
  sale.confirmed = undefined;
  showConfirm(false);
  // ui.confirmAmount false: what is left is paid with Glase at once (the host POS's receipt says how much)
  if (!st.confirmAmount) return pay();
  show('s-amount');
  renderAmount();
}

async function pay() {
  const a = checkAmount();
  const t = tender();
  if (a.minor === undefined || sale.sending) return;
  if (a.minor !== t.left && sale.confirmed !== a.minor) return askConfirm(a.minor, t);
  showConfirm(false);
  sale.sending = true;
  renderAmount();
  const body = { amount: a.minor, tender: { receiptTotal: t.total, alreadyPaid: t.paid } };
  if (a.minor > t.left) body.confirmRaise = true;
  if (t.host) {
    const rows = invoiceRows(t.host, a.minor);
    if (rows) body.rows = rows;
    if (t.host.cashierId) body.cashierId = t.host.cashierId;
    if (t.host.title) body.title = t.host.title;
  }
  const r = await call('POST', '/api/payments', body);
  sale.sending = false;
  if (!r.ok) {
    // without the amount dialog (ui.confirmAmount false) the refusal shows on the start screen
    setText(current() === 's-amount' ? 'amount-err' : 'start-err', errorText(r.error));
    $('pay-btn').disabled = false;
    return;
  }
  show('s-start');
  app.paymentStarted(r.data.payment ?? r.data);
}

/** After a paid sale the next one starts empty; after a cancel the totals stay for another try. */
export function resetSale() {
  sale.total = '';
  sale.paid = '';
  sale.field = 'total';
}

/** app.js's screen routing, handed in at boot (app.js imports this module, not the reverse). */
let app = { route() {}, paymentStarted(_p) {} };

export function initSale(appHooks) {
  app = appHooks;
  restore();
  keypad(
    $('kp-start'),
    (key) => {
      if (st.receipt) return; // the pushed receipt is the host POS's to change
      sale[sale.field] = press(sale[sale.field], key, st.currency);
      renderSale();
    },
    { onEnter: () => !$('glase-btn').disabled && !$('glase-btn').hidden && openAmount() },
  );
  keypad(
    $('kp-amount'),
    (key) => {
      // a key corrects the amount: any confirmation asked for the old one is gone
      sale.confirmed = undefined;
      showConfirm(false);
      const base = sale.fresh && key !== 'back' ? '' : sale.amount;
      sale.fresh = false;
      sale.amount = press(base, key, st.currency);
      renderAmount();
    },
    { onEnter: () => pay(), onEscape: () => $('amount-back').click() },
  );
  for (const f of ['total', 'paid']) {
    $('f-' + f).addEventListener('click', () => {
      if (st.receipt) return;
      sale.field = f;
      renderSale();
    });
  }
  $('glase-btn').addEventListener('click', openAmount);
  $('orphan-confirm').addEventListener('click', async () => {
    const r = await call('POST', '/api/orphan/confirm', { note: 'confirmed on the kiosk screen' });
    setText('start-err', r.ok ? '' : tr('sale.orphanConfirmFailed', { problem: errorText(r.error) }));
    if (r.ok && r.data?.readiness) st.readiness = r.data.readiness;
    renderSale();
  });
  $('amount-back').addEventListener('click', () => {
    show('s-start');
    app.route();
  });
  $('pay-btn').addEventListener('click', pay);
  $('ac-ok').addEventListener('click', () => {
    const a = checkAmount();
    sale.confirmed = a.minor;
    void pay();
  });
  $('ac-correct').addEventListener('click', () => {
    sale.confirmed = undefined;
    sale.fresh = false; // the cashier edits the amount typed, not a fresh one
    showConfirm(false);
    renderAmount();
  });
}
