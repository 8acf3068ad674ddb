// The admin menu behind the PIN: device and server status, register / unregister, Glase ID
// registration (typed or scanned), printer test, reprint the last receipt as a COPY; refunds
// (refund.js, refund-admin.js) ask for the PIN through withAdminSession.
// First run: while no PIN is set, the PIN screen offers to set one here (typed twice), then
// the menu says what comes next: register, then the Glase ID.
// The PIN and the reseller password are never shown, kept or sent anywhere but the API.
import { call, errorText, setAdminSession } from './api.js';
import { $, current, setText, show } from './dom.js';
import { keypad } from './keypad.js';
import { onChange, st } from './state.js';
import { onLanguage, serverText, t } from './i18n.js';

let pin = '';
let pinMode = 'login'; // 'login', or first run: 'choose' then 'repeat'
let chosen = ''; // first run: the PIN typed the first time, until it is typed again
let tab = 'status';
let expiryTimer = null;
let sessionMs = 0; // the API slides the session on every admin call; so does this timer

function setPinMode(mode) {
  pinMode = mode;
  pin = '';
  setText('pin-lead', t(`pin.${mode}.lead`));
  setText('pin-ok', t(`pin.${mode}.ok`));
}

function renderPin(error) {
  $('pin-dots').textContent = pin ? '●'.repeat(pin.length) : ' ';
  if (error !== undefined) setText('pin-err', error);
  $('pin-ok').disabled = pin.length < (pinMode === 'login' ? 1 : 4);
}

export async function openPin() {
  afterLogin = null;
  chosen = '';
  setPinMode('login');
  show('s-pin');
  renderPin('');
  // a fresh till says so before anyone types, and offers to set the first PIN right here
  const r = await call('GET', '/api/admin/pin');
  if (current() !== 's-pin' || pinMode !== 'login' || !r.ok || r.data?.set) return;
  if (r.data.settableHere) {
    setPinMode('choose');
    renderPin('');
  } else renderPin(t('pin.noneHere'));
}

/** What to do after the PIN instead of opening the menu (a refund from the receipt lookup). */
let afterLogin = null;
let sessionOpen = false;

/**
 * Runs `next` with an admin session: at once while one is open, else after the PIN. Back on
 * the PIN screen returns to the start screen without running it.
 */
export function withAdminSession(next) {
  if (sessionOpen) return next();
  openPin();
  afterLogin = next;
}

/** Ends the admin session now (a refund flow started from the receipt lookup is over). */
export function endAdminSession() {
  if (!sessionOpen) return;
  clearTimeout(expiryTimer);
  void call('POST', '/api/admin/logout', {});
  setAdminSession(null);
  sessionOpen = false;
}

function close() {
  pin = '';
  afterLogin = null;
  sessionOpen = false;
  chosen = '';
  clearTimeout(expiryTimer);
  // the session ends with the menu, not 10 minutes later
  if (current() === 's-admin') void call('POST', '/api/admin/logout', {});
  setAdminSession(null);
  for (const id of ['reg-password', 'reg-reseller', 'reg-user', 'gid-input', 'rfa-ref', 'rfc-reseller', 'rfc-user', 'rfc-password']) $(id).value = '';
  show('s-start');
  app.route();
}

async function login() {
  if (!pin) return;
  setText('pin-err', '');
  const r = await call('POST', '/api/admin/session', { pin });
  pin = ''; // the PIN leaves the page's memory whatever the answer
  if (r.ok) {
    openSession(r.data);
    const next = afterLogin;
    afterLogin = null;
    if (next) return next();
    show('s-admin');
    openTab('status');
    return;
  }
  if (r.status === 429) {
    return renderPin(r.retryAfter ? t('pin.lockedFor', { seconds: r.retryAfter }) : t('pin.locked'));
  }
  // The API may add how many tries are left; anything else it says is shown as is.
  if (r.status === 401) return renderPin(/left|attempt/i.test(r.error.message ?? '') ? `${t('pin.wrong')} ${serverText(r.error.message)}` : t('pin.wrong'));
  renderPin(errorText(r.error));
}

function openSession(data) {
  setAdminSession(data.session);
  sessionOpen = true;
  sessionMs = Date.parse(data.expiresAt) - Date.now();
  slide();
}

/** OK on the PIN screen: log in, or (first run) take the new PIN, then the same again and set it. */
async function submitPin() {
  if (pinMode === 'login') return login();
  if (pinMode === 'choose') {
    chosen = pin;
    setPinMode('repeat');
    return renderPin('');
  }
  const same = pin === chosen;
  const first = chosen;
  chosen = '';
  if (!same) {
    setPinMode('choose');
    return renderPin(t('pin.notSame'));
  }
  setPinMode('login');
  renderPin('');
  const r = await call('POST', '/api/admin/pin', { pin: first });
  if (r.ok) {
    // first run: the menu, wherever the PIN screen was opened from
    afterLogin = null;
    openSession(r.data);
    show('s-admin');
    openTab('register');
    message('reg-msg', `${t('pin.set')} ${nextStep()?.text ?? ''}`.trim(), 'ok');
    return;
  }
  if (r.status === 409) return renderPin(t('pin.alreadySet'));
  setPinMode('choose');
  renderPin(errorText(r.error));
}

function sessionEnded(message) {
  setAdminSession(null);
  sessionOpen = false;
  if (!['s-admin', 's-pin', 's-refund'].includes(current())) return;
  openPin();
  renderPin(message);
}

function slide() {
  clearTimeout(expiryTimer);
  if (sessionMs > 0) expiryTimer = setTimeout(() => sessionEnded(t('pin.sessionEnded')), sessionMs);
}

/** An admin call; a 401 means the session is over, so back to the PIN. */
export async function adminCall(path, body, method = 'POST') {
  const r = await call(method, path, body);
  if (r.ok) slide();
  if (r.status === 401) sessionEnded(t('pin.sessionEnded'));
  return r;
}

function openTab(name) {
  tab = name;
  for (const b of document.querySelectorAll('#s-admin .tab[data-tab]')) b.classList.toggle('active', b.dataset.tab === name);
  for (const p of document.querySelectorAll('#s-admin .panel')) p.hidden = p.dataset.panel !== name;
  for (const id of ['reg-msg', 'gid-msg', 'printer-msg']) message(id, '');
  renderAdmin();
  if (name === 'printer') refreshReceipt();
}

const sentence = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : '');

function message(id, text, kind = 'info') {
  const el = $(id);
  el.textContent = text;
  el.className = `msg ${text ? kind : ''}`;
}

function row(dl, term, value, bad) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  if (bad) dd.className = 'bad';
  dl.append(dt, dd);
}

function renderAdmin() {
  const s = st.setup ?? {};
  const dl = $('status-list');
  dl.innerHTML = '';
  const reasons = st.readiness?.reasons ?? [];
  const server = reasons.find((r) => /server/i.test(r.code));
  row(dl, t('status.server'), server ? serverText(server.message) : t('status.reachable'), !!server);
  // the set-up's message in words; its state name (an internal name) never shows
  row(dl, t('status.registration'), s.message ? serverText(s.message) : t(s.terminalId ? 'status.registered' : 'status.notRegistered'), !s.terminalId);
  row(dl, t('status.terminal'), s.terminalId || t('status.none'));
  row(dl, t('status.glaseId'), s.glaseId || t('status.none'), !s.glaseId);
  const p = st.printer;
  row(dl, t('status.printer'), p ? `${p.kind ?? ''} — ${p.ready ? t('status.ready') : p.reason ? t('status.notReadyWhy', { reason: serverText(p.reason) }) : t('status.notReady')}` : t('status.unknown'), !p?.ready);
  const sc = st.scanner;
  row(dl, t('status.scanner'), sc ? `${sc.kind ?? ''} — ${t(sc.connected ? 'status.connected' : 'status.notConnected')}` : t('status.unknown'), !sc?.connected);
  row(dl, t('status.payments'), st.readiness?.ready ? t('status.ready') : reasons.map((r) => serverText(r.message)).join('; ') || t('status.unknown'), !st.readiness?.ready);
  row(dl, t('status.mode'), st.mode === 'unattended' ? t('status.unattended', { count: st.autoCancelWindows }) : t('status.cashier'));
  row(dl, t('status.window'), t('status.seconds', { seconds: Math.round(st.windowMs / 1000) }));

  const registered = isRegistered(s);
  $('reg-registered').hidden = !registered;
  $('reg-form').hidden = registered;
  $('enrol-form').hidden = registered;
  setText('reg-terminal', s.terminalId ?? '');
  // Glase answered 29: unregistering cannot work, forgetting the registration here is offered
  const unknown = registered && !!s.unknownAtGlase;
  $('reg-unknown').hidden = !unknown;
  $('unreg-btn').hidden = unknown;
  setText('reg-unknown-text', unknown ? t('reg.unknownAtGlase') : '');
  setText('gid-current', s.glaseId || t('status.none'));
  const next = nextStep();
  setText('setup-next', next?.text);
  $('setup-next').hidden = !next;
  for (const b of document.querySelectorAll('#s-admin .tab[data-tab]')) b.classList.toggle('next', b.dataset.tab === next?.tab);
}

function isRegistered(s) {
  return !!s.terminalId && !/^unregist|forgetting/.test(s.state ?? '');
}

/** What setting up this till still needs, in the order it is done. */
function nextStep() {
  const s = st.setup ?? {};
  if (isRegistered(s) && s.unknownAtGlase) return { tab: 'register', text: t('next.forget') };
  if (!isRegistered(s)) return { tab: 'register', text: t('next.register') };
  if (!s.glaseId) return { tab: 'glaseid', text: t('next.glaseId') };
  return undefined;
}

/** After the last set-up step, what the admin does next. */
function setUpText() {
  return ` ${nextStep() ? nextStep().text : t('next.done')}`;
}

async function register(e) {
  e.preventDefault();
  const body = { resellerId: $('reg-reseller').value.trim(), userId: $('reg-user').value.trim(), password: $('reg-password').value };
  $('reg-password').value = ''; // never kept in the page, whatever the answer
  message('reg-msg', t('reg.registering'));
  $('reg-btn').disabled = true;
  const r = await adminCall('/api/admin/register', body);
  $('reg-btn').disabled = false;
  if (r.ok) {
    if (r.data?.state) st.setup = { ...st.setup, ...r.data };
    renderAdmin();
    message('reg-msg', `${t('reg.registered', { terminal: r.data?.terminalId ?? '' })}${nextStep() ? ` ${nextStep().text}` : ''}`, 'ok');
  } else message('reg-msg', errorText(r.error), 'bad');
}

/** Enrolment through the back office: only its address and the one-time code go to the till's API. */
async function enrol(e) {
  e.preventDefault();
  const body = { backofficeUrl: $('enrol-url').value.trim(), code: $('enrol-code').value.trim() };
  message('reg-msg', t('enrol.enrolling'));
  $('enrol-btn').disabled = true;
  const r = await adminCall('/api/admin/enrol', body);
  $('enrol-btn').disabled = false;
  if (r.ok) {
    $('enrol-code').value = ''; // a used code is worth nothing; do not leave it on the screen
    if (r.data?.state) st.setup = { ...st.setup, ...r.data };
    renderAdmin();
    message('reg-msg', `${t('enrol.done', { terminal: r.data?.terminalId ?? '' })}${nextStep() ? ` ${nextStep().text}` : ''}`, 'ok');
  } else message('reg-msg', errorText(r.error), 'bad');
}

// the one confirm dialog of the registration tab: what "Yes" does
let confirmed = () => {};

function askUnregister() {
  setText('confirm-text', t('reg.confirmUnregister'));
  confirmed = unregister;
  $('confirm').hidden = false;
}

function askForget() {
  setText('confirm-text', t('reg.confirmForget'));
  confirmed = forget;
  $('confirm').hidden = false;
}

async function forget() {
  $('confirm').hidden = true;
  message('reg-msg', t('reg.forgetting'));
  const r = await adminCall('/api/admin/forget-registration', {});
  if (r.ok) {
    if (r.data?.state) st.setup = { ...r.data };
    renderAdmin();
    message('reg-msg', `${t('reg.forgotten')}${setUpText()}`, 'ok');
  } else message('reg-msg', errorText(r.error), 'bad');
}

async function unregister() {
  $('confirm').hidden = true;
  message('reg-msg', t('reg.unregistering'));
  const r = await adminCall('/api/admin/unregister', {});
  if (r.ok) {
    if (r.data?.state) st.setup = { ...r.data };
    message('reg-msg', t('reg.unregistered'), 'ok');
    renderAdmin();
  } else message('reg-msg', errorText(r.error), 'bad');
}

async function assign(glaseId) {
  message('gid-msg', t('gid.assigning', { glaseId }));
  const r = await adminCall('/api/admin/glase-id', { glaseId });
  if (r.ok) {
    if (r.data?.state) st.setup = { ...st.setup, ...r.data };
    renderAdmin();
    message('gid-msg', `${t('gid.assigned', { glaseId: r.data?.glaseId ?? glaseId })}${setUpText()}`, 'ok');
  } else message('gid-msg', errorText(r.error), 'bad');
}

/**
 * A scan from the till's scanner. The daemon itself assigns a sticker scanned while the admin
 * armed it ("Scan the sticker now"); the screen shows what happened, step by step.
 */
export function onScan(d) {
  if (current() !== 's-admin' || tab !== 'glaseid') return;
  if (d.kind === 'junk') return message('gid-msg', t('gid.junk'), 'bad');
  if (d.kind !== 'glaseId') return message('gid-msg', t('gid.receiptScanned'), 'bad');
  $('gid-input').value = d.value;
  if (d.action === 'assigning') message('gid-msg', t('gid.assigning', { glaseId: d.value }));
  else if (d.action === 'assigned') {
    if (d.setup) st.setup = d.setup;
    renderAdmin();
    message('gid-msg', `${t('gid.assigned', { glaseId: d.value })}${setUpText()}`, 'ok');
  } else if (d.action === 'refused') message('gid-msg', d.message ? sentence(serverText(d.message)) : t('gid.notAssigned', { glaseId: d.value }), 'bad');
  else message('gid-msg', t('gid.scanned', { glaseId: d.value }));
}

async function armScan() {
  const r = await adminCall('/api/admin/glase-id/await-scan', { seconds: 60 });
  if (!r.ok) return message('gid-msg', errorText(r.error), 'bad');
  message('gid-msg', t('gid.scanNow'));
}

function refreshReceipt() {
  const img = $('admin-receipt');
  img.hidden = false;
  img.onerror = () => {
    img.hidden = true;
    if (!$('printer-msg').textContent) message('printer-msg', t('printer.none'));
  };
  // at 800×480 the picture sits below the buttons: bring it into view once it is there
  img.onload = () => img.parentElement.scrollIntoView({ block: 'nearest' });
  img.src = `/api/receipts/last.svg?t=${Date.now()}`;
}

async function printerTest() {
  message('printer-msg', t('printer.testing'));
  const r = await adminCall('/api/admin/printer-test', {});
  if (r.ok && r.data?.ok !== false) message('printer-msg', t('printer.tested'), 'ok');
  else message('printer-msg', r.ok ? t('printer.notReady', { reason: serverText(r.data?.reason ?? r.data?.status?.reason ?? '') }) : errorText(r.error), 'bad');
}

async function reprint() {
  message('printer-msg', t('printer.reprinting'));
  const r = await adminCall('/api/admin/reprint', {});
  if (r.ok) {
    message('printer-msg', r.data?.job?.id !== undefined ? t('printer.reprintJob', { job: r.data.job.id }) : t('printer.reprint'), 'ok');
    refreshReceipt();
  } else message('printer-msg', errorText(r.error), 'bad');
}

/** app.js's screen routing, handed in at boot (app.js imports this module, not the reverse). */
let app = { route() {} };

export function initAdmin(appHooks) {
  app = appHooks;
  keypad(
    $('kp-pin'),
    (key) => {
      if (key === 'back') pin = pin.slice(0, -1);
      else if (key === 'clear') pin = '';
      else if (/^\d$/.test(key) && pin.length < 12) pin += key;
      renderPin();
    },
    { point: false, onEnter: () => !$('pin-ok').disabled && submitPin(), onEscape: close },
  );
  $('pin-ok').addEventListener('click', submitPin);
  $('pin-back').addEventListener('click', close);
  $('admin-exit').addEventListener('click', close);
  for (const b of document.querySelectorAll('#s-admin .tab[data-tab]')) b.addEventListener('click', () => openTab(b.dataset.tab));
  $('reg-form').addEventListener('submit', register);
  $('enrol-form').addEventListener('submit', enrol);
  $('unreg-btn').addEventListener('click', askUnregister);
  $('confirm-no').addEventListener('click', () => ($('confirm').hidden = true));
  $('forget-btn').addEventListener('click', askForget);
  $('confirm-yes').addEventListener('click', () => confirmed());
  $('gid-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const v = $('gid-input').value.trim();
    if (!v) return message('gid-msg', t('gid.empty'), 'bad');
    assign(v);
  });
  $('gid-scan').addEventListener('click', armScan);
  $('ptest-btn').addEventListener('click', printerTest);
  $('reprint-btn').addEventListener('click', reprint);
  onChange(() => {
    if (current() === 's-admin') renderAdmin();
  });
  onLanguage(() => {
    if (current() === 's-pin') setText('pin-lead', t(`pin.${pinMode}.lead`)), setText('pin-ok', t(`pin.${pinMode}.ok`));
  });
}
