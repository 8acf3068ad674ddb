// A payment stuck because Glase cannot be reached (issue 10 §3): the waiting screen offers
// "settle outside the till" while the till hears nothing from Glase. It needs the admin PIN; the
// till asks Glase live first and closes the payment only when there is still no answer (when
// Glase answers, the payment goes on and the screen says so). No blind "mark done".
import { adminCall, withAdminSession } from './admin.js';
import { errorText } from './api.js';
import { $, current, setText, show } from './dom.js';
import { money, t } from './i18n.js';
import { acceptPayment, st } from './state.js';

let app = { route() {} };

/** While this screen is open for the running payment, payment events leave it in place. */
export const settleScreenOpen = () => current() === 's-settle';

function open() {
  const p = st.payment;
  if (!p || p.final) return app.route();
  show('s-settle');
  setText('settle-amount', money(p.amount, p.currency));
  setText('settle-err', '');
  $('settle-go').disabled = false;
}

async function settle() {
  const p = st.payment;
  if (!p || p.final) return back();
  const note = $('settle-note').value.trim();
  if (!note) return setText('settle-err', t('settle.noteMissing'));
  $('settle-go').disabled = true;
  setText('settle-err', t('settle.asking'));
  const r = await adminCall(`/api/admin/payments/${encodeURIComponent(p.paymentId)}/settle-outside`, { note });
  $('settle-go').disabled = false;
  if (!r.ok) {
    if (r.status === 401) return; // the PIN screen is back
    // Glase answered (the payment goes on from its answer) or the payment ended meanwhile
    return setText('settle-err', errorText(r.error));
  }
  $('settle-note').value = '';
  acceptPayment(r.data);
  back();
}

function back() {
  show('s-wait');
  app.route();
}

export function initSettle(appHooks) {
  app = appHooks;
  for (const id of ['wait-settle', 'q-settle']) $(id).addEventListener('click', () => withAdminSession(open));
  $('settle-go').addEventListener('click', settle);
  $('settle-back').addEventListener('click', back);
}
