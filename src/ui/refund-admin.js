// The admin menu's Refunds tab: refund a payment by typing its reference (also one this till
// did not record: Glase checks the amount), the refunds in doubt, "check refunds in doubt now"
// (Glase's report, with the reseller login used once), and "send again" for a refund the
// complete report showed never happened.
import { adminCall } from './admin.js';
import { call, errorText } from './api.js';
import { $, groupRef } from './dom.js';
import { dateTime, money, serverText, t } from './i18n.js';
import { openRefund, showRefund } from './refund.js';
import { st } from './state.js';

const sentence = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : '');

function message(id, text, kind = 'info') {
  const el = $(id);
  el.textContent = text;
  el.className = `msg ${text ? kind : ''}`;
}

async function find(e) {
  e.preventDefault();
  const ref = $('rfa-ref').value.replace(/\s/g, '');
  if (!/^\d{25}$/.test(ref)) return message('rfa-msg', t('refunds.type25'), 'bad');
  message('rfa-msg', '');
  const r = await call('GET', `/api/receipts/${ref}`);
  if (r.ok && r.data.refunds?.kind === 'refund') return message('rfa-msg', t('refunds.isRefund'), 'bad');
  if (!r.ok && r.status !== 404) return message('rfa-msg', errorText(r.error), 'bad');
  $('rfa-ref').value = '';
  // 404: not recorded on this till; an admin may still refund it (Glase checks the amount)
  openRefund(ref, r.ok ? r.data.refunds : { kind: 'unrecorded', currency: st.currency, refunded: 0, refunds: [] }, 'admin');
}

function item(text, button) {
  const li = document.createElement('li');
  const span = document.createElement('span');
  span.textContent = text;
  li.append(span);
  if (button) li.append(button);
  return li;
}

async function refreshDoubt() {
  const list = $('rfa-doubt');
  const r = await call('GET', '/api/refunds');
  list.innerHTML = '';
  if (!r.ok) return list.append(item(errorText(r.error)));
  for (const v of r.data.unknown) list.append(item(t('refunds.inDoubt', { amount: money(v.amount, v.currency), reference: groupRef(v.originalErsReference), since: dateTime(v.createdAt, { seconds: false }) })));
  for (const v of r.data.refunds.filter((x) => x.canResend)) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = t('refunds.sendAgain');
    b.dataset.refundId = v.refundId;
    b.addEventListener('click', () => resend(v.refundId));
    list.append(item(t('refunds.neverHappened', { amount: money(v.amount, v.currency), reference: groupRef(v.originalErsReference) }), b));
  }
  if (!list.children.length) list.append(item(t('refunds.none')));
}

async function check(e) {
  e.preventDefault();
  const body = { resellerId: $('rfc-reseller').value.trim(), userId: $('rfc-user').value.trim(), password: $('rfc-password').value };
  $('rfc-password').value = ''; // never kept in the page, whatever the answer
  message('rfc-msg', t('refunds.checking'));
  $('rfc-btn').disabled = true;
  const r = await adminCall('/api/refunds/check-unknown', body);
  $('rfc-btn').disabled = false;
  if (!r.ok) return message('rfc-msg', errorText(r.error), 'bad');
  message('rfc-msg', sentence(serverText(r.data.message)), r.data.ok && r.data.stillUnknown.length === 0 ? 'ok' : 'bad');
  await refreshDoubt();
}

async function resend(refundId) {
  const r = await adminCall(`/api/refunds/${encodeURIComponent(refundId)}/resend`, {});
  if (!r.ok) return message('rfc-msg', errorText(r.error), 'bad');
  showRefund(r.data, 'admin');
}

export function initRefundAdmin() {
  $('rfa-form').addEventListener('submit', find);
  $('rfc-form').addEventListener('submit', check);
  document.querySelector('#s-admin .tab[data-tab="refunds"]').addEventListener('click', () => {
    message('rfa-msg', '');
    message('rfc-msg', '');
    void refreshDoubt();
  });
}

/** The refunds list is current whenever the tab is shown again (after a refund). */
export function refundsTabShown() {
  void refreshDoubt();
}
