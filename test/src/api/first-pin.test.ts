// Issue 9 item 18, the API half: a fresh till's first admin PIN is set on the kiosk screen,
// only there (the kiosk cookie from loopback), only while none is set (set-if-absent, so of
// racing tries exactly one wins), audited without the PIN.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { client, startTestTill, type TestTill } from './_till.js';

const TOKEN = 'host-pos-token-first-pin';

async function kioskCookie(till: TestTill): Promise<string> {
  const secret = readFileSync(join(till.config.dataDir, 'kiosk-secret'), 'utf8').trim();
  const r = await fetch(`${till.apiUrl}/?kiosk=${secret}`, { redirect: 'manual' });
  return (r.headers.get('set-cookie') ?? '').split(';')[0];
}

const t = suite('first-run admin PIN from the kiosk screen (api.token set)');
let till: TestTill;
let kiosk: ReturnType<typeof client>;
let pos: ReturnType<typeof client>;

t.before(async () => {
  till = await startTestTill({ api: { token: TOKEN }, printer: { kind: 'none' }, scanner: { kind: 'none' } }, { demo: false });
  kiosk = client(till.apiUrl, { cookie: await kioskCookie(till) });
  pos = client(till.apiUrl, { authorization: `Bearer ${TOKEN}` });
});
t.after(async () => till.close());

t('before any PIN: the screen is told it may set one, the host POS is not', async () => {
  assert.equal((await kiosk('GET', '/api/admin/pin')).json, { set: false, settableHere: true });
  assert.equal((await pos('GET', '/api/admin/pin')).json, { set: false, settableHere: false });
  const login = await kiosk('POST', '/api/admin/session', { pin: '1234' });
  assert.equal([login.status, login.json.error.field, login.json.error.rule], [409, 'pin', 'is not set']);
  assert.match(login.json.error.message, /till's screen/);
});

t('only the kiosk screen sets it: the host POS token gets 403, a bad PIN 400', async () => {
  const byPos = await pos('POST', '/api/admin/pin', { pin: '5791' });
  assert.equal([byPos.status, byPos.json.error.field], [403, 'pin']);
  assert.match(byPos.json.error.message, /only on the till's own screen/);
  const short = await kiosk('POST', '/api/admin/pin', { pin: '12' });
  assert.equal([short.status, short.json.error.field, short.json.error.rule], [400, 'pin', 'must be 4-12 digits']);
  assert.equal((await kiosk('GET', '/api/admin/pin')).json.set, false, 'nothing was set');
});

t('the kiosk sets it once: a session at once, audited without the PIN; then 409', async () => {
  const set = await kiosk('POST', '/api/admin/pin', { pin: '5791' });
  assert.is(set.status, 201, JSON.stringify(set.json));
  const admin = { 'x-admin-session': set.json.session };
  const audit = await kiosk('GET', '/api/admin/audit', undefined, admin);
  assert.is(audit.status, 200);
  const row = audit.json.find((e: any) => e.action === 'admin-pin-set');
  assert.ok(row, 'audited');
  assert.is(row.actor, 'client@kiosk');
  assert.not.match(JSON.stringify(audit.json), /5791/);
  assert.equal((await kiosk('GET', '/api/admin/pin')).json, { set: true, settableHere: false });
  const again = await kiosk('POST', '/api/admin/pin', { pin: '1111' });
  assert.equal([again.status, again.json.error.rule], [409, 'is already set']);
  assert.is((await kiosk('POST', '/api/admin/session', { pin: '1111' })).status, 401, 'the second one was not stored');
  assert.is((await kiosk('POST', '/api/admin/session', { pin: '5791' })).status, 200);
});

t.run();

const race = suite('first-run PIN: racing screens, and no token');
let fresh: TestTill;
race.before(async () => {
  fresh = await startTestTill({ printer: { kind: 'none' }, scanner: { kind: 'none' } }, { demo: false });
});
race.after(async () => fresh.close());

race('without a token a loopback caller needs the screen cookie; of 8 racing tries exactly one wins', async () => {
  const bare = client(fresh.apiUrl);
  const refused = await bare('POST', '/api/admin/pin', { pin: '2468' });
  assert.equal([refused.status, refused.json.error.field], [403, 'pin'], 'trusted loopback is not the screen');
  const page = await fetch(fresh.apiUrl + '/');
  await page.text();
  const screen = client(fresh.apiUrl, { cookie: (page.headers.get('set-cookie') ?? '').split(';')[0] });
  const pins = ['1001', '2002', '3003', '4004', '5005', '6006', '7007', '8008'];
  const answers = await Promise.all(pins.map((pin) => screen('POST', '/api/admin/pin', { pin })));
  const won = answers.map((a, i) => [a.status, pins[i]] as const).filter(([s]) => s === 201);
  assert.is(won.length, 1, JSON.stringify(answers.map((a) => a.status)));
  assert.ok(answers.every((a) => a.status === 201 || a.status === 409));
  assert.is((await screen('POST', '/api/admin/session', { pin: won[0][1] })).status, 200, 'the winner is the PIN');
  // four losers (a fifth wrong PIN would start the lockout)
  for (const pin of pins.filter((p) => p !== won[0][1]).slice(0, 4)) assert.is((await screen('POST', '/api/admin/session', { pin })).status, 401, pin);
  assert.is(fresh.store.audit.list().filter((e) => e.action === 'admin-pin-set').length, 1);
});

race.run();
