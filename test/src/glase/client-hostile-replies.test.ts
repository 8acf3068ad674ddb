// Replies a broken or hostile server could send: each is a clear malformed (or http) error
// with an unknown outcome, never a crash, never an expanded entity, never a hang.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { terminalPrincipal } from '../../../src/glase/context.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { NS, envelope, ok, startLoopback, type Loopback } from './_loopback.js';

const t = suite('glase client: hostile replies');
const P = terminalPrincipal('0123456789abcdef0123456789abcdef', 'pw-hostile-1');
const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const dir = mkdtempSync(join(tmpdir(), 'glase-xxe-'));
const SECRET_FILE = join(dir, 'secret.txt');
writeFileSync(SECRET_FILE, 'TOP-SECRET-FILE-CONTENT');

let lb: Loopback;
let client: GlaseClient;
t.before(async () => {
  lb = await startLoopback();
  client = await createGlaseClient({ endpoint: lb.url, timeoutMs: 5000 });
});
t.after(async () => {
  await client.close();
  await lb.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fault(p: Promise<unknown>): Promise<GlaseTransportError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.instance(e, GlaseTransportError, `expected a GlaseTransportError, got ${String(e)}`);
  return e as GlaseTransportError;
}

/** Sends `body` as a 200 text/xml reply to cancelInvoice and returns the error. */
async function replyWith(body: string, status = 200, type = 'text/xml'): Promise<GlaseTransportError> {
  lb.handle((_s, res) => res.writeHead(status, { 'Content-Type': type }).end(body));
  return fault(client.cancelInvoice(P, '1'));
}

const CASES: [string, string, RegExp][] = [
  ['a wrapper in another namespace', `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><x:cancelInvoiceResponse xmlns:x="urn:evil"><return><resultCode>0</resultCode></return></x:cancelInvoiceResponse></soap:Body></soap:Envelope>`, /cancelInvoiceResponse is in namespace "urn:evil", expected http:\/\/external/],
  ['a wrapper with no namespace', `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><cancelInvoiceResponse><return><resultCode>0</resultCode></return></cancelInvoiceResponse></soap:Body></soap:Envelope>`, /in namespace "\(none\)"/],
  ['the envelope in another namespace', `<soap:Envelope xmlns:soap="urn:not-soap"><soap:Body/></soap:Envelope>`, /not a SOAP envelope: its root is "Envelope" in namespace "urn:not-soap"/],
  ['the answer to another operation', envelope('sendInvoice', '<resultCode>0</resultCode>'), /answers "sendInvoiceResponse".*expected cancelInvoiceResponse/],
  ['no return', `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><ns2:cancelInvoiceResponse xmlns:ns2="${NS}"/></soap:Body></soap:Envelope>`, /return: is missing/],
  ['two returns', envelope('cancelInvoice', '<resultCode>0</resultCode></return><return><resultCode>1</resultCode>'), /2 <return> elements/],
  ['an empty body', `<soap:Envelope xmlns:soap="${ENV}"><soap:Body></soap:Body></soap:Envelope>`, /soap:Body is empty/],
  ['no body', `<soap:Envelope xmlns:soap="${ENV}"><soap:Header/></soap:Envelope>`, /no soap:Body/],
  ['missing resultCode', envelope('cancelInvoice', '<resultDescription>SUCCESS</resultDescription>'), /resultCode: is required/],
  ['a huge resultCode', envelope('cancelInvoice', `<resultCode>${'9'.repeat(400)}</resultCode>`), /resultCode: must be an integer, got 400 characters/],
  ['a resultCode in exponent form', envelope('cancelInvoice', '<resultCode>1e308</resultCode>'), /resultCode: must be an integer, got "1e308"/],
  ['a failure whose ersReference has children', envelope('cancelInvoice', '<resultCode>50</resultCode><ersReference><a>1</a></ersReference>'), /ersReference: must be text/],
  ['a resultCode with children', envelope('cancelInvoice', '<resultCode><a>0</a></resultCode>'), /resultCode: must be text/],
  ['an internal entity (billion laughs)', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>${envelope('cancelInvoice', '<resultCode>0</resultCode><ersReference>&lol3;</ersReference>')}`, /DOCTYPE, which SOAP forbids/],
  ['an external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file://${SECRET_FILE}">]>${envelope('cancelInvoice', '<resultCode>0</resultCode><ersReference>&x;</ersReference>')}`, /DOCTYPE, which SOAP forbids/],
  ['a DOCTYPE after a comment', `<!-- hi --><!DOCTYPE e [<!ENTITY x "y">]>${envelope('cancelInvoice', '<resultCode>0</resultCode>')}`, /DOCTYPE, which SOAP forbids/],
  ['an undefined entity without a DOCTYPE', envelope('cancelInvoice', '<resultCode>0</resultCode><ersReference>&x;</ersReference>'), /element "ersReference" has an "&" that is not one of XML's predefined entities/],
  ['a reference to NUL', envelope('cancelInvoice', '<resultCode>0</resultCode><ersReference>&#0;</ersReference>'), /character reference to &#0;, which XML does not allow/],
  ['not XML at all', 'plain words', /no XML element|not well-formed/],
  ['broken markup', '<<<this is not xml&&&', /not well-formed|cannot be read/],
  ['mismatched tags', '<a>pw</b>', /not well-formed/],
  ['two root elements', `<soap:Envelope xmlns:soap="${ENV}"><soap:Body/></soap:Envelope><b/>`, /2 root elements|not well-formed/],
  ['an HTML page with status 200', '<!DOCTYPE html><html><head><title>Login</title></head><body><br></body></html>', /an HTML page, not a SOAP envelope/],
  ['an HTML page without a DOCTYPE', '<html><body><p>maintenance</p></body></html>', /an HTML page, not a SOAP envelope/],
  ['an element named constructor', envelope('cancelInvoice', '<resultCode>0</resultCode><constructor>1</constructor>'), /cannot be read as XML/],
  ['an element named __proto__', envelope('cancelInvoice', '<resultCode>0</resultCode><__proto__><polluted>1</polluted></__proto__>'), /cannot be read as XML/],
  ['nesting 140,000 deep (just under the size cap)', envelope('cancelInvoice', '<resultCode>0</resultCode>' + '<a>'.repeat(140_000) + '</a>'.repeat(140_000)), /cannot be read as XML: Maximum nested tags/],
];

for (const [name, body, message] of CASES) {
  t(`${name}: malformed, outcome unknown, a clear message`, async () => {
    const e = await replyWith(body);
    assert.equal([e.kind, e.code, e.outcome], ['malformed', 'glase.malformed', 'unknown'], e.message);
    assert.match(e.message, /^cancelInvoice: /);
    assert.match(e.message, message);
    assert.not.match(e.message, /TOP-SECRET|lollol/);
    assert.ok(e.message.length <= 340, `message of ${e.message.length} characters`);
    assert.is(({} as Record<string, unknown>).polluted, undefined);
  });
}

t('an HTML 500 page is an http error with the status', async () => {
  const e = await replyWith('<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1><pre>java.lang.NullPointerException</pre></body></html>', 500, 'text/html');
  assert.equal([e.kind, e.outcome, e.status], ['http', 'unknown', 500]);
  assert.match(e.message, /^cancelInvoice: HTTP 500/);
});

t('a SOAP 1.2 fault is a soap-fault with its code and reason', async () => {
  const e = await replyWith('<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">bad input</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>', 500);
  assert.equal([e.kind, e.outcome], ['soap-fault', 'unknown']);
  assert.match(e.message, /^cancelInvoice: SOAP fault env:Sender: bad input$/);
});

t('a fault with entities in its text reads them; one with no faultcode says soap:Server', async () => {
  const e = await replyWith(`<soap:Envelope xmlns:soap="${ENV}"><soap:Body><soap:Fault><faultstring>a &lt; b &amp; c</faultstring></soap:Fault></soap:Body></soap:Envelope>`, 500);
  assert.match(e.message, /SOAP fault soap:Server: a < b & c$/);
});

t('a huge amount is refused without quoting it', async () => {
  lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', `<resultCode>0</resultCode><status>PAID</status><version>1</version><receipt><invoice><totalAmount><currency>SEK</currency><value>${'9'.repeat(100_000)}.00</value></totalAmount></invoice></receipt>`)));
  const e = await fault(client.getPaymentStatus(P, '1', 0));
  assert.equal([e.kind, e.outcome], ['malformed', 'unknown']);
  assert.match(e.message, /receipt\.invoice\.totalAmount\.value/);
  assert.ok(e.message.length < 300, `message of ${e.message.length} characters`);
  lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', '<resultCode>0</resultCode><status>PAID</status><version>1</version><receipt><invoice><totalAmount><currency>SEK</currency><value>90071992547409.93</value></totalAmount></invoice></receipt>')));
  assert.match((await fault(client.getPaymentStatus(P, '1', 0))).message, /too large/);
  lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', `<resultCode>0</resultCode><status>PAID</status><version>${'1'.repeat(11)}</version>`)));
  assert.match((await fault(client.getPaymentStatus(P, '1', 0))).message, /version: must be an integer/);
});

t('after all of that the client still works on the same connection pool', async () => {
  lb.handle((_s, res) => ok(res, envelope('cancelInvoice', '<resultCode>0</resultCode>')));
  assert.equal(await client.cancelInvoice(P, '1'), { ok: true, code: 0 });
});

t.run();
