// The admin PIN: stored as salted scrypt, right/wrong PIN over HTTP, the lockout (429 with
// Retry-After, doubling), sessions, and the audit log without the PIN.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPin, PIN_KEY, PinGuard, setPin, verifyPin, type StoredPin } from '../../../src/api/pin.js';
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

http.run();
