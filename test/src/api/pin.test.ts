// The admin PIN: stored as salted scrypt, right/wrong PIN over HTTP, the lockout (429 with
// Retry-After, doubling), sessions, and the audit log without the PIN.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPin, PIN_KEY, PIN_LOCK_KEY, PinGuard, setPin, verifyPin, type StoredPin } from '../../../src/api/pin.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { adminSession, client, startTestTill, type TestTill } from './_till.js';

const unit = suite('PinGuard');
let dir: string;
let store: Store;
unit.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-pin-'));
  store = openStore(dir);
});
unit.after.each(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

unit('the PIN is stored as scrypt with a random salt, never in clear', () => {
  setPin(store.settings, '482913');
  const s = store.settings.get<StoredPin>(PIN_KEY)!;
  assert.is(s.algo, 'scrypt');
  assert.not.match(JSON.stringify(s), /482913/);
  assert.ok(verifyPin('482913', s));
  assert.not.ok(verifyPin('482914', s));
  assert.is.not(hashPin('482913').salt, hashPin('482913').salt);
  assert.throws(() => hashPin('12a4'), /4-12 digits/);
  assert.throws(() => hashPin('123'), /4-12 digits/);
});

unit('5 wrong PINs lock; the lockout doubles; a right PIN during it is refused; it resets after success', () => {
  let now = 1_000_000;
  setPin(store.settings, '1234');
  const g = new PinGuard({ settings: store.settings, now: () => now, baseLockMs: 30_000 });
  for (let i = 0; i < 4; i++) assert.equal(g.login('0000'), { ok: false, reason: 'wrong' });
  assert.equal(g.login('0000'), { ok: false, reason: 'locked', retryAfterS: 30 });
  assert.equal(g.login('1234'), { ok: false, reason: 'locked', retryAfterS: 30 });
  now += 30_000;
  assert.equal(g.login('0000'), { ok: false, reason: 'locked', retryAfterS: 60 });
  now += 60_000;
  const ok = g.login('1234');
  assert.ok(ok.ok);
  assert.equal(g.login('0000'), { ok: false, reason: 'wrong' });
});

unit('the lockout survives a restart (a new guard on the same store)', () => {
  let now = 5_000_000;
  setPin(store.settings, '1234');
  const g = new PinGuard({ settings: store.settings, now: () => now });
  for (let i = 0; i < 5; i++) g.login('0000');
  const again = new PinGuard({ settings: store.settings, now: () => now });
  assert.equal(again.login('1234'), { ok: false, reason: 'locked', retryAfterS: 30 });
  now += 30_000;
  assert.equal(again.login('0000'), { ok: false, reason: 'locked', retryAfterS: 60 });
});

unit('sessions expire and slide', () => {
  let now = 0;
  setPin(store.settings, '1234');
  const g = new PinGuard({ settings: store.settings, now: () => now, sessionMs: 1000 });
  const r = g.login('1234');
  if (!r.ok) throw new Error('login failed');
  now = 900;
  assert.ok(g.check(r.session));
  now = 1800; // slid by the check at 900
  assert.ok(g.check(r.session));
  now = 3000;
  assert.not.ok(g.check(r.session));
  assert.not.ok(g.check(undefined));
  assert.not.ok(g.check('forged'));
});
unit('a session has an absolute cap however busy it is (issue 9 item 12)', () => {
  let now = 0;
  setPin(store.settings, '1234');
  const g = new PinGuard({ settings: store.settings, now: () => now, sessionMs: 1000, sessionCapMs: 2500 });
  const r = g.login('1234');
  if (!r.ok) throw new Error('login failed');
  assert.is(r.expiresAt, new Date(1000).toISOString());
  for (now = 800; now < 2500; now += 800) assert.ok(g.check(r.session), `in use at ${now}`);
  now = 2500;
  assert.not.ok(g.check(r.session), 'used every 0.8 s, still over at the cap');
  // the default cap is 30 minutes besides the 10-minute idle expiry
  const d = new PinGuard({ settings: store.settings, now: () => now });
  const s = d.login('1234');
  if (!s.ok) throw new Error('login failed');
  for (let i = 0; i < 3; i++) {
    now += 9 * 60_000;
    assert.ok(d.check(s.session), `busy at minute ${(i + 1) * 9}`);
  }
  now += 3 * 60_000 + 1;
  assert.not.ok(d.check(s.session), 'over after 30 minutes');
});

unit('a PIN change ends every open session; logout ends one (issue 9 item 12)', () => {
  setPin(store.settings, '1234');
  const g = new PinGuard({ settings: store.settings });
  const a = g.login('1234');
  const b = g.login('1234');
  if (!a.ok || !b.ok) throw new Error('login failed');
  assert.ok(g.logout(b.session));
  assert.not.ok(g.check(b.session), 'logged out');
  assert.not.ok(g.logout(b.session), 'already closed');
  assert.ok(g.check(a.session));
  setPin(store.settings, '1234'); // the same digits again still is a new PIN (new salt)
  assert.not.ok(g.check(a.session), 'opened with the old PIN');
  const c = g.login('1234');
  assert.ok(c.ok && g.check(c.session), 'the new PIN opens a new session');
});

unit.run();

const http = suite('admin PIN over HTTP');
let till: TestTill;
let call: ReturnType<typeof client>;
const lines: string[] = [];
http.before(async () => {
  const { createLogger } = await import('../../../src/lib/log.js');
  till = await startTestTill({ printer: { kind: 'none' }, scanner: { kind: 'none' } }, { log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
  call = client(till.apiUrl);
});
http.after(async () => till.close());

http('admin routes need a session; the right PIN gives one', async () => {
  const no = await call('GET', '/api/admin/audit');
  assert.is(no.status, 401);
  assert.is(no.json.error.field, 'X-Admin-Session');
  const bad = await call('POST', '/api/admin/session', { pin: '12' });
  assert.equal([bad.status, bad.json.error.field, bad.json.error.rule], [400, 'pin', 'must be 4-12 digits']);
  const h = await adminSession(call, '1234');
  const audit = await call('GET', '/api/admin/audit', undefined, h);
  assert.is(audit.status, 200);
  assert.ok(audit.json.some((e: any) => e.action === 'admin-login'));
});

http('wrong PINs: 401, then 429 with Retry-After; the PIN never reaches the log or the audit', async () => {
  for (let i = 0; i < 4; i++) {
    const r = await call('POST', '/api/admin/session', { pin: '9876' });
    assert.equal([r.status, r.json.error.field, r.json.error.rule], [401, 'pin', 'is wrong']);
  }
  const locked = await call('POST', '/api/admin/session', { pin: '9876' });
  assert.is(locked.status, 429);
  assert.is(locked.headers.get('retry-after'), '30');
  const right = await call('POST', '/api/admin/session', { pin: '1234' });
  assert.is(right.status, 429, 'locked even for the right PIN');
  assert.ok(Number(right.headers.get('retry-after')) > 0);
  const audit = till.store.audit.list();
  assert.ok(audit.filter((e) => e.action === 'admin-login-failed').length >= 5);
  const all = JSON.stringify(audit) + lines.join('\n');
  assert.not.match(all, /9876/);
  assert.not.match(all, /"1234"|pin=1234/);
});

http('logout closes the session; a PIN changed by glase-pos set-pin ends the others (issue 9 item 12)', async () => {
  till.store.settings.delete(PIN_LOCK_KEY); // lifts the lockout the test before left
  const a = await adminSession(call, '1234');
  const b = await adminSession(call, '1234');
  assert.is((await call('GET', '/api/admin/audit', undefined, a)).status, 200);
  const out = await call('POST', '/api/admin/logout', {}, a);
  assert.is(out.status, 204);
  const after = await call('GET', '/api/admin/audit', undefined, a);
  assert.equal([after.status, after.json.error.field], [401, 'X-Admin-Session']);
  assert.is((await call('POST', '/api/admin/logout', {}, a)).status, 401, 'a closed session cannot log out again');
  assert.is((await call('GET', '/api/admin/audit', undefined, b)).status, 200);
  setPin(till.store.settings, '4321'); // what `glase-pos set-pin` does, from another process
  assert.is((await call('GET', '/api/admin/audit', undefined, b)).status, 401, 'the PIN changed');
  const c = await adminSession(call, '4321');
  const audit = await call('GET', '/api/admin/audit', undefined, c);
  assert.ok(audit.json.some((e: any) => e.action === 'admin-logout'));
  const doc = await call('GET', '/api/openapi.json');
  assert.ok(doc.json.paths['/api/admin/logout']?.post?.security.some((s: any) => 'adminSession' in s), 'documented');
});

http.run();
