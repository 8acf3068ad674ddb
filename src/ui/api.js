// Talking to the till's local API: JSON calls (the kiosk cookie authorises them) and the
// server-sent event stream. Errors come back as { status, error: { field, rule, message } }.

import { has, serverText, t } from './i18n.js';

let adminSession = null;

export function setAdminSession(session) {
  adminSession = session;
}

export async function call(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (adminSession && (path.startsWith('/api/admin/') || path.startsWith('/api/refunds') || path.startsWith('/api/day-close'))) headers['x-admin-session'] = adminSession;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, error: { message: t('error.noAnswer') } };
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    /* an empty or non-JSON body */
  }
  if (res.ok) return { ok: true, status: res.status, data };
  const error = (data && data.error) || { message: t('error.status', { status: res.status }) };
  if (typeof error === 'string') return { ok: false, status: res.status, error: { message: error } };
  return { ok: false, status: res.status, error, retryAfter: Number(res.headers.get('retry-after')) || undefined };
}

/**
 * The message to show for an error object, in words and the screen's language. A field's
 * internal name ("glaseId: …", "pin: …") never reaches the screen: it is said in words.
 */
export function errorText(error) {
  if (!error) return '';
  const { field, rule, message } = error;
  if (field && rule && (!message || message === `${field}: ${rule}`)) {
    const name = has(`field.${field}`) ? t(`field.${field}`) : t('field.other');
    return t('error.fieldRule', { field: name, rule: serverText(rule) });
  }
  if (message) return serverText(message);
  return t('error.unknown');
}

/**
 * Subscribes to /api/events. `handlers[name](data)` per event; `onConnection(true|false)`.
 * EventSource reconnects by itself; on every (re)connect the server sends the current status.
 */
export function subscribe(handlers, onConnection) {
  const es = new EventSource('/api/events');
  es.onopen = () => onConnection(true);
  es.onerror = () => {
    onConnection(false);
    // EventSource gives up for good on an HTTP error (a restarted till no longer knows our
    // kiosk cookie): wait until the till answers, then load the page again for a new one.
    if (es.readyState === EventSource.CLOSED) reloadWhenBack();
  };
  for (const name of Object.keys(handlers)) {
    es.addEventListener(name, (ev) => {
      let data;
      try {
        data = JSON.parse(ev.data);
      } catch {
        return;
      }
      handlers[name](data);
    });
  }
  return () => es.close();
}

let reloading = false;
function reloadWhenBack() {
  if (reloading) return;
  reloading = true;
  const probe = async () => {
    try {
      const r = await fetch('/', { method: 'HEAD', cache: 'no-store' });
      if (r.ok) return location.reload();
    } catch {
      /* not back yet */
    }
    setTimeout(probe, 2000);
  };
  setTimeout(probe, 1000);
}
