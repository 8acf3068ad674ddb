// Issue 9 items 1 and 7, as attacks over real HTTP: a DNS-rebound page (a foreign Host) is not
// answered; with api.token set, nobody gets the kiosk cookie without the kiosk secret; a
// malformed or foreign cookie never breaks a route.
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestTill, type TestTill } from './_till.js';

const TOKEN = 'host-pos-token-0123456789';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

/** A request with exactly these headers (fetch will not send a foreign Host); host '' sends none. */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const noHost = headers.host === '';
  if (noHost) delete headers.host;
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, setHost: !noHost, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let json: any = text;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          /* HTML */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const secured = suite('api with a token: Host rule and the kiosk secret');
let till: TestTill;
let port: number;
let secret: string;

secured.before(async () => {
  till = await startTestTill({ api: { token: TOKEN, allowedHosts: ['till.local'] }, printer: { kind: 'none' }, scanner: { kind: 'none' } }, { demo: false });
  port = till.config.api.port;
  secret = readFileSync(join(till.config.dataDir, 'kiosk-secret'), 'utf8').trim();
});
secured.after(async () => till.close());

secured('the kiosk secret file is 0600 and 64 hex digits', () => {
  assert.is(statSync(join(till.config.dataDir, 'kiosk-secret')).mode & 0o777, 0o600);
  assert.match(secret, /^[0-9a-f]{64}$/);
});

secured('a foreign Host (a DNS-rebound name) is refused with 421 naming the rule, even when Origin equals it', async () => {
  const evil = `evil.example:${port}`;
  for (const [method, path] of [['GET', '/'], ['GET', '/api/openapi.json'], ['GET', '/api/readiness'], ['GET', `/?kiosk=${secret}`]]) {
    const r = await raw(till.apiUrl, method, path, { host: evil, authorization: `Bearer ${TOKEN}` });
    assert.is(r.status, 421, `${method} ${path}`);
    assert.is(r.json.error.field, 'host');
    assert.match(r.json.error.rule, new RegExp(`127\\.0\\.0\\.1:${port}, localhost:${port}, \\[::1\\]:${port}`));
    assert.match(r.json.error.rule, /api\.allowedHosts/);
    assert.is(r.headers['set-cookie'], undefined);
  }
  const pay = await raw(till.apiUrl, 'POST', '/api/payments', { host: evil, origin: `http://${evil}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, '{"amount":100}');
  assert.is(pay.status, 421);
  const wrongPort = await raw(till.apiUrl, 'GET', '/api/readiness', { host: `127.0.0.1:${port + 1}`, authorization: `Bearer ${TOKEN}` });
  assert.is(wrongPort.status, 421, 'our name on another port is not us');
  assert.is((await raw(till.apiUrl, 'GET', '/api/readiness', { authorization: `Bearer ${TOKEN}` })).status, 200);
  for (const host of [`localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, `till.local:${port}`]) {
    assert.is((await raw(till.apiUrl, 'GET', '/api/readiness', { host, authorization: `Bearer ${TOKEN}` })).status, 200, host);
  }
  const none = await raw(till.apiUrl, 'GET', '/api/readiness', { host: '', authorization: `Bearer ${TOKEN}` });
  assert.ok([400, 421].includes(none.status), 'no Host is not answered (node itself refuses HTTP/1.1 without Host)');
});

secured('with a token, GET / from loopback gives no cookie, and no cookie opens the API instead of the token', async () => {
  const page = await raw(till.apiUrl, 'GET', '/');
  assert.is(page.status, 200);
  assert.is(page.headers['set-cookie'], undefined, 'the screen loads, but without a cookie');
  const wrong = await raw(till.apiUrl, 'GET', '/?kiosk=' + '0'.repeat(64));
  assert.equal([wrong.status, wrong.json.error.field], [403, 'kiosk']);
  assert.is(wrong.headers['set-cookie'], undefined);
  for (const cookie of [`kiosk_${port}=${secret}`, `kiosk=${'a'.repeat(48)}`, `kiosk_${port}=`, '']) {
    const r = await raw(till.apiUrl, 'GET', '/api/status', cookie ? { cookie } : {});
    assert.equal([r.status, r.json.error.field], [401, 'authorization'], cookie);
  }
  // the one way in for the screen: the kiosk secret
  const kiosk = await raw(till.apiUrl, 'GET', '/?kiosk=' + secret);
  assert.is(kiosk.status, 303);
  const cookie = String(kiosk.headers['set-cookie']).split(';')[0];
  assert.is((await raw(till.apiUrl, 'GET', '/api/status', { cookie })).status, 200);
  assert.is((await raw(till.apiUrl, 'GET', '/api/status', { authorization: `Bearer ${TOKEN}` })).status, 200);
});

secured('a malformed cookie is ignored on every route; a foreign same-named one does not hide ours', async () => {
  const kiosk = await raw(till.apiUrl, 'GET', '/?kiosk=' + secret);
  const ours = String(kiosk.headers['set-cookie']).split(';')[0];
  const bad = 'other=100%';
  assert.is((await raw(till.apiUrl, 'GET', '/', { cookie: bad })).status, 200);
  assert.is((await raw(till.apiUrl, 'GET', '/api/openapi.json', { cookie: bad })).status, 200);
  assert.is((await raw(till.apiUrl, 'GET', '/api/readiness', { cookie: bad, authorization: `Bearer ${TOKEN}` })).status, 200);
  assert.is((await raw(till.apiUrl, 'GET', '/api/readiness', { cookie: bad })).status, 401, 'ignored, not trusted');
  // a page on another port of 127.0.0.1 sets cookies under our name, malformed or not
  for (const cookie of [`${bad}; ${ours}`, `kiosk_${port}=%E0%A4%A; ${ours}`, `kiosk_${port}=junk; ${ours}`, `${ours}; kiosk_${port}=junk`, `kiosk=junk; ${ours}`]) {
    assert.is((await raw(till.apiUrl, 'GET', '/api/readiness', { cookie })).status, 200, cookie);
  }
});

secured.run();

const open = suite('api without a token: the Host rule still guards the loopback trust');
let plain: TestTill;
open.before(async () => {
  plain = await startTestTill({ printer: { kind: 'none' }, scanner: { kind: 'none' } }, { demo: false });
});
open.after(async () => plain.close());

open('a DNS-rebound page gets neither the screen, the cookie nor the API', async () => {
  const p = plain.config.api.port;
  const evil = `rebind.example:${p}`;
  const page = await raw(plain.apiUrl, 'GET', '/', { host: evil });
  assert.is(page.status, 421);
  assert.is(page.headers['set-cookie'], undefined);
  const pay = await raw(plain.apiUrl, 'POST', '/api/payments', { host: evil, origin: `http://${evil}`, 'content-type': 'application/json' }, '{"amount":100}');
  assert.equal([pay.status, pay.json.error.field], [421, 'host']);
  // our own name: the loopback screen gets its cookie as before
  const own = await raw(plain.apiUrl, 'GET', '/');
  assert.match(String(own.headers['set-cookie']), new RegExp(`^kiosk_${p}=[0-9a-f]{48};`));
  const again = await raw(plain.apiUrl, 'GET', '/', { cookie: String(own.headers['set-cookie']).split(';')[0] });
  assert.is(again.headers['set-cookie'], undefined, 'a screen that holds a good cookie keeps it');
  assert.is((await raw(plain.apiUrl, 'GET', '/api/readiness', { cookie: 'other=100%' })).status, 200);
});

open.run();
