// The API's edges over real HTTP: validation errors name field and rule, the token is
// required when configured, the kiosk cookie works for the loopback screen, OpenAPI covers
// every route, the screen's files are served and nothing outside src/ui.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VIEW_SCHEMAS } from '../../../src/api/view-schemas.js';
import { client, startTestTill, type TestTill } from './_till.js';
import { currencyDecimals } from '../../../src/lib/money.js';

const TOKEN = 'host-pos-token-0123456789';
const t = suite('api: validation, auth, OpenAPI');
let till: TestTill;
let anon: ReturnType<typeof client>;
let pos: ReturnType<typeof client>;

t.before(async () => {
  till = await startTestTill({ api: { token: TOKEN }, printer: { kind: 'none' }, scanner: { kind: 'none' } });
  anon = client(till.apiUrl);
  pos = client(till.apiUrl, { authorization: `Bearer ${TOKEN}` });
});
t.after(async () => till.close());

t('the daemon reports the actual API port and binds 127.0.0.1', () => {
  assert.match(till.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.is.not(till.config.api.port, 0);
  assert.is(till.apiUrl, `http://127.0.0.1:${till.config.api.port}`);
});

t('without the token: 401 naming authorization; a wrong token too', async () => {
  const r = await anon('GET', '/api/status');
  assert.is(r.status, 401);
  assert.is(r.json.error.field, 'authorization');
  const w = await anon('GET', '/api/status', undefined, { authorization: 'Bearer not-the-token' });
  assert.is(w.status, 401);
  const ok = await pos('GET', '/api/status');
  assert.is(ok.status, 200);
  assert.is(ok.json.setup.state, 'ready');
  assert.is(ok.json.currency, 'SEK');
  // the screen's currency decimals come from here (src/ui/money.js keeps no list of its own)
  assert.equal(ok.json.currencies, currencyDecimals());
  assert.equal([ok.json.currencies.SEK, ok.json.currencies.JPY], [2, 0]);
});

t('the kiosk screen opened with the kiosk secret gets an HttpOnly SameSite=Strict cookie (named per port) that opens the API', async () => {
  const secret = readFileSync(join(till.config.dataDir, 'kiosk-secret'), 'utf8').trim();
  const page = await fetch(till.apiUrl + '/?kiosk=' + secret, { redirect: 'manual' });
  assert.is(page.status, 303);
  assert.is(page.headers.get('location'), '/', 'the secret leaves the address bar');
  const cookie = page.headers.get('set-cookie') ?? '';
  assert.match(cookie, new RegExp(`^kiosk_${till.config.api.port}=[0-9a-f]{64};`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const screen = await fetch(till.apiUrl + '/', { headers: { cookie: cookie.split(';')[0] } });
  assert.is(screen.status, 200);
  assert.match(screen.headers.get('content-type') ?? '', /text\/html/);
  await screen.text();
  const kiosk = client(till.apiUrl, { cookie: cookie.split(';')[0] });
  assert.is((await kiosk('GET', '/api/readiness')).status, 200);
  const forged = client(till.apiUrl, { cookie: `kiosk_${till.config.api.port}=` + '0'.repeat(64) });
  assert.is((await forged('GET', '/api/readiness')).status, 401);
});

t('validation errors name the field and the rule', async () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [{}, 'amount', /is required/],
    [{ amount: 12.5 }, 'amount', /integer number of minor units/],
    [{ amount: -1 }, 'amount', /> 0/],
    [{ amount: '100' }, 'amount', /integer number of minor units/],
    [{ amount: 100, rows: [{ description: 'x', amount: 1.5 }] }, 'rows.0.amount', /integer/],
    [{ amount: 100, rows: [{ amount: 100 }] }, 'rows.0.description', /is required/],
    [{ amount: 100, rows: [{ description: 'x', quantity: 'two', amount: 100 }] }, 'rows.0.quantity', /decimal string/],
    [{ amount: 100, tender: { receiptTotal: 100 } }, 'tender.alreadyPaid', /is required/],
    [{ amount: 100, colour: 'red' }, 'colour', /not a known field/],
  ];
  for (const [body, field, rule] of cases) {
    const r = await pos('POST', '/api/payments', body);
    assert.is(r.status, 400, JSON.stringify(body));
    assert.is(r.json.error.field, field, JSON.stringify(body));
    assert.match(r.json.error.rule, rule, JSON.stringify(body));
    assert.is(r.json.error.message, `${field}: ${r.json.error.rule}`);
  }
  const bad = await pos('POST', '/api/payments', '{"amount": ');
  assert.is(bad.status, 400);
  assert.equal([bad.json.error.field, bad.json.error.rule], ['body', 'must be valid JSON']);
  // nothing was started by any of those
  assert.is((await pos('GET', '/api/payments/current')).status, 404);
});

t('cross-site requests are refused (CSRF) and bodies must be JSON', async () => {
  const evil = await pos('POST', '/api/payments', { amount: 100 }, { origin: 'http://evil.example' });
  assert.equal([evil.status, evil.json.error.field], [403, 'origin']);
  const own = await pos('GET', '/api/readiness', undefined, { origin: till.apiUrl });
  assert.is(own.status, 200);
  const form = await pos('POST', '/api/payments', '{"amount":100}', { 'content-type': 'text/plain' });
  assert.equal([form.status, form.json.error.field], [415, 'content-type']);
  assert.is((await pos('GET', '/api/payments/current')).status, 404, 'nothing started');
});

t('unknown routes and methods', async () => {
  assert.is((await pos('GET', '/api/nope')).status, 404);
  const m = await pos('DELETE', '/api/payments');
  assert.is(m.status, 405);
  assert.is((await pos('GET', '/api/payments/not-a-payment')).status, 404);
  const ref = await pos('GET', '/api/receipts/123');
  assert.equal([ref.status, ref.json.error.field], [400, 'ersReference']);
});

t('ui files are served with their type; no path escapes src/ui', async () => {
  const css = await fetch(till.apiUrl + '/ui/styles.css');
  assert.is(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  await css.text();
  for (const p of ['/ui/../main.ts', '/ui/%2e%2e/main.ts', '/ui/.hidden', '/ui/x.ts']) {
    const r = await fetch(till.apiUrl + p);
    await r.text();
    assert.is(r.status, 404, p);
  }
});

t('the OpenAPI 3.1 document lists every route with its schema', async () => {
  const r = await anon('GET', '/api/openapi.json');
  assert.is(r.status, 200);
  const doc = r.json;
  assert.is(doc.openapi, '3.1.0');
  const want: Array<[string, string]> = [
    ['get', '/api/status'], ['get', '/api/readiness'], ['post', '/api/payments'], ['get', '/api/payments/current'],
    ['get', '/api/payments/{id}'], ['patch', '/api/payments/{id}'], ['post', '/api/payments/{id}/try-again'], ['post', '/api/payments/{id}/cancel'],
    ['post', '/api/orphan/confirm'], ['get', '/api/events'], ['get', '/api/receipts/last.svg'], ['get', '/api/receipts/{ersReference}'], ['get', '/api/receipts/{ersReference}/receipt.svg'],
    ['post', '/api/admin/session'], ['post', '/api/admin/logout'], ['get', '/api/admin/pin'], ['post', '/api/admin/pin'], ['post', '/api/admin/register'], ['post', '/api/admin/enrol'], ['post', '/api/admin/glase-id'], ['post', '/api/admin/glase-id/await-scan'],
    ['post', '/api/admin/unregister'], ['post', '/api/admin/forget-registration'], ['post', '/api/admin/reprint'], ['post', '/api/admin/printer-test'], ['post', '/api/admin/health-ticket'], ['get', '/api/admin/audit'], ['put', '/api/admin/language'],
    ['get', '/api/openapi.json'], ['get', '/'], ['get', '/metrics'],
    ['put', '/api/receipt'], ['get', '/api/receipt'], ['delete', '/api/receipt'],
    ['post', '/api/refunds'], ['get', '/api/refunds'], ['get', '/api/refunds/{id}'], ['post', '/api/refunds/check-unknown'], ['post', '/api/refunds/{id}/resend'],
    ['post', '/api/admin/payments/{id}/check'], ['post', '/api/admin/payments/{id}/settle-outside'], ['get', '/api/admin/payments/settled-outside'],
    ['post', '/api/day-close'], ['get', '/api/day-closes'], ['get', '/api/day-closes/{n}'], ['post', '/api/day-closes/{n}/acknowledge'], ['post', '/api/day-closes/{n}/reprint'],
  ];
  for (const [method, path] of want) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
  const count = Object.values(doc.paths).reduce((n: number, p: any) => n + Object.keys(p).length, 0);
  assert.is(count, want.length);
  const pay = doc.paths['/api/payments'].post.requestBody.content['application/json'].schema;
  assert.equal(pay.required, ['amount']);
  assert.is(pay.properties.amount.type, 'integer');
  assert.is(pay.additionalProperties, false);
  assert.ok(doc.paths['/api/payments'].post.responses['409']);
  assert.ok(doc.paths['/api/admin/register'].post.security.some((s: any) => 'adminSession' in s));
  assert.is(doc.paths['/api/payments'].post.responses['201'].content['application/json'].schema.$ref, '#/components/schemas/PaymentView');
  const patch = doc.paths['/api/payments/{id}'].patch;
  assert.equal(patch.requestBody.content['application/json'].schema.required, ['amount']);
  assert.ok(patch.responses['200'] && patch.responses['202'] && patch.responses['409']);
  const settle = doc.paths['/api/admin/payments/{id}/settle-outside'].post;
  assert.equal(settle.requestBody.content['application/json'].schema.required, ['note']);
  assert.ok(settle.security.some((s: any) => 'adminSession' in s), 'settling outside the till needs the admin session');
  const put = doc.paths['/api/receipt'].put;
  assert.equal(put.requestBody.content['application/json'].schema.required, ['total']);
  assert.is(put.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/ActiveReceipt');
  assert.ok(put.responses['409'] && put.responses['401']);
  assert.is(doc.paths['/api/receipt'].delete.responses['204'].content, undefined);
  // the documented answers match real ones: every required key is there
  const st = (await pos('GET', '/api/status')).json;
  for (const k of VIEW_SCHEMAS.Status.required) assert.ok(k in st, `Status.${k}`);
  for (const k of VIEW_SCHEMAS.SetupView.required) assert.ok(k in st.setup, `SetupView.${k}`);
  for (const k of VIEW_SCHEMAS.Readiness.required) assert.ok(k in st.readiness, `Readiness.${k}`);
  for (const k of VIEW_SCHEMAS.PrinterView.required) assert.ok(k in st.printer, `PrinterView.${k}`);
  assert.ok(VIEW_SCHEMAS.SetupView.properties.state.enum.includes(st.setup.state));
});

t.run();
