// The shop's language through real HTTP: GET /api/status says it (config ui.language), the admin
// switches it (PUT /api/admin/language; validated, audited, a `language` event, kept in the
// store), the catalogues are served to the screen as /i18n/…, and the next receipt is printed
// in the new language.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shopLanguage } from '../../../src/store/shop-language.js';
import { adminSession, client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('shop language API');
let till: TestTill;
let call: ReturnType<typeof client>;

t.before(async () => {
  till = await startTestTill({ ui: { language: 'sv' }, payment: { windowMs: 5000, pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('the status names the configured language and the ones to switch to', async () => {
  const s = await call('GET', '/api/status');
  assert.is(s.json.language, 'sv');
  assert.equal(s.json.languages, ['sv', 'en']);
});

t('the catalogues are served as JavaScript; nothing else under /i18n/', async () => {
  const r = await fetch(`${till.apiUrl}/i18n/i18n.js`);
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/javascript/);
  assert.match(await r.text(), /export function translator/);
  assert.is((await fetch(`${till.apiUrl}/i18n/sv/receipt.js`)).status, 200);
  for (const bad of ['/i18n/i18n.d.ts', '/i18n/README.md', '/i18n/..%2Fconfig.js', '/i18n/nope.js']) assert.is((await fetch(till.apiUrl + bad)).status, 404, bad);
});

t('switching needs an admin session and a known language', async () => {
  assert.is((await call('PUT', '/api/admin/language', { language: 'en' })).status, 401);
  const admin = await adminSession(call);
  const bad = await call('PUT', '/api/admin/language', { language: 'de' }, admin);
  assert.equal([bad.status, bad.json.error.field, bad.json.error.rule], [400, 'language', 'must be one of sv, en']);
  assert.is((await call('GET', '/api/status')).json.language, 'sv');
});

t('a switch is kept, audited, announced, and the next receipt speaks it', async () => {
  const admin = await adminSession(call);
  const events = await sse(till.apiUrl + '/api/events');
  const r = await call('PUT', '/api/admin/language', { language: 'en' }, admin);
  assert.equal([r.status, r.json], [200, { language: 'en' }]);
  assert.equal((await events.waitFor((e) => e.event === 'language')).data, { language: 'en' });
  assert.is((await call('GET', '/api/status')).json.language, 'en');
  assert.is(shopLanguage(till.store.settings, 'sv'), 'en', 'kept in the store: a restart keeps it');
  const audit = await call('GET', '/api/admin/audit', undefined, admin);
  assert.ok(JSON.stringify(audit.json).includes('language-set'), 'audited');

  // back to Swedish, then a payment: its receipt is in Swedish
  await call('PUT', '/api/admin/language', { language: 'sv' }, admin);
  const p = await call('POST', '/api/payments', { amount: 123450 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const paid = await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: till.demo!.glaseId }) });
  assert.is(paid.status, 200);
  await events.waitFor((e) => e.event === 'payment' && e.data.state === 'completed', 15_000);
  const svg: string = await until(async () => {
    const s = await call('GET', '/api/receipts/last.svg');
    return s.status === 200 ? String(s.json) : '';
  }, 10_000, 'the receipt picture');
  assert.match(svg, /Belopp/);
  assert.match(svg, /1 234,50 kr/);
  assert.match(svg, /Glase-betalning/);
  events.close();
});

t.run();
