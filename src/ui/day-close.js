// The admin menu's "Close day" tab and the day-close line of the status bar: close the day
// with the reseller login (used once), follow its progress (SSE day-close), list the Z reports,
// acknowledge one that needs attention (audited by the till), reprint one as a COPY.
import { adminCall } from './admin.js';
import { call, errorText } from './api.js';
import { $ } from './dom.js';
import { dateTime, money, serverText, t, zReasonText } from './i18n.js';

function message(text, kind = 'info') {
  const el = $('dc-msg');
  el.textContent = text;
  el.className = `msg ${text ? kind : ''}`;
}

/** The status bar: closes whose differences nobody acknowledged, or a close left unfinished. */
export function renderAttention(attention) {
  const el = $('dayclose-banner');
  const closes = attention?.closes ?? [];
  let text = '';
  if (closes.length) {
    const z = closes[closes.length - 1];
    text = t('dayclose.attention', { z: z.zNumber, count: z.differences });
  } else if (attention?.unfinished) text = t('dayclose.unfinished');
  el.textContent = text;
  el.hidden = !text;
}

function button(label, id, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary';
  b.textContent = label;
  b.id = id;
  b.addEventListener('click', onClick);
  return b;
}

async function refresh() {
  const list = $('dc-list');
  const r = await call('GET', '/api/day-closes');
  list.innerHTML = '';
  if (!r.ok) return list.append(Object.assign(document.createElement('li'), { textContent: errorText(r.error) }));
  renderAttention(r.data.attention);
  for (const z of r.data.closes.slice(0, 10)) {
    const li = document.createElement('li');
    li.dataset.z = String(z.zNumber);
    const span = document.createElement('span');
    const verdict = z.verdict === 'matched' ? t('dayclose.matched') : z.acknowledged ? t('dayclose.acknowledged') : t('dayclose.needsAttention');
    span.textContent = t('dayclose.line', { z: z.zNumber, at: dateTime(z.closedAt, { seconds: false }), net: money(z.till.net, z.currency), verdict });
    li.append(span);
    for (const d of z.differences) {
      const p = document.createElement('small');
      p.className = 'difference';
      p.textContent = zReasonText(d, z.currency);
      li.append(p);
    }
    if (z.verdict !== 'matched' && !z.acknowledged) li.append(button(t('dayclose.acknowledge'), `dc-ack-${z.zNumber}`, () => acknowledge(z.zNumber)));
    li.append(button(t('dayclose.reprint'), `dc-reprint-${z.zNumber}`, () => reprint(z.zNumber)));
    list.append(li);
  }
  if (!list.children.length) list.append(Object.assign(document.createElement('li'), { textContent: t('dayclose.none') }));
}

// closes this screen has its answer for: a progress event that arrives after the answer (the
// SSE stream and the POST race) must not put "Printing the Z report…" back over the result
const answered = new Set();

async function close(e) {
  e.preventDefault();
  const body = { resellerId: $('dc-reseller').value.trim(), userId: $('dc-user').value.trim(), password: $('dc-password').value };
  $('dc-password').value = ''; // never kept in the page
  message(t('dayclose.closing'));
  $('dc-btn').disabled = true;
  const r = await adminCall('/api/day-close', body);
  $('dc-btn').disabled = false;
  if (!r.ok) return message(errorText(r.error), 'bad');
  if (r.data.close?.closeId) answered.add(r.data.close.closeId);
  const z = r.data.z;
  if (!z) message(serverText(r.data.close.message), 'bad');
  else message(z.verdict === 'matched' ? t('dayclose.doneMatched', { z: z.zNumber }) : t('dayclose.doneAttention', { z: z.zNumber, count: z.differences.filter((d) => d.attention).length }), z.verdict === 'matched' ? 'ok' : 'bad');
  await refresh();
}

async function acknowledge(n) {
  const r = await adminCall(`/api/day-closes/${n}/acknowledge`, {});
  if (!r.ok) return message(errorText(r.error), 'bad');
  message(t('dayclose.acknowledgedZ', { z: n }), 'ok');
  await refresh();
}

async function reprint(n) {
  const r = await adminCall(`/api/day-closes/${n}/reprint`, {});
  message(r.ok ? t('dayclose.reprinted', { z: n }) : errorText(r.error), r.ok ? 'ok' : 'bad');
}

/** SSE day-close: the progress line while closing, the status bar always. */
export function onDayCloseEvent(d) {
  renderAttention(d.attention);
  if (d.close && !d.close.final && !answered.has(d.close.closeId) && !$('panel-dayclose').hidden) message(serverText(d.close.message));
}

export function initDayClose() {
  $('dc-form').addEventListener('submit', close);
  document.querySelector('#s-admin .tab[data-tab="dayclose"]').addEventListener('click', () => {
    message('');
    void refresh();
  });
}
