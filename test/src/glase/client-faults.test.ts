// The client against a real loopback HTTP server that answers with canned envelopes,
// drops connections, stalls, fails with 500, faults, or sends garbage.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { resellerPrincipal, terminalPrincipal } from '../../../src/glase/context.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { createLogger } from '../../../src/lib/log.js';
import { envelope, ok, soapFault, startLoopback, type Loopback } from './_loopback.js';

const PASSWORD = 'Zq9-very-secret-pw';
const P = terminalPrincipal('0123456789abcdef0123456789abcdef', PASSWORD);
const t = suite('glase client faults');

let lb: Loopback;
let client: GlaseClient;
const lines: string[] = [];

t.before(async () => {
  lb = await startLoopback();
  client = await createGlaseClient({
    endpoint: lb.url, timeoutMs: 300,
    log: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
  });
});
t.after(async () => {
  await client.close();
  await lb.close();
});

const PAID =
  '<ersReference>2015120408531541501005256</ersReference><resultCode>0</resultCode><resultDescription>SUCCESS</resultDescription>' +
  '<status>PAID</status><receipt><terminalId>0123456789abcdef0123456789abcdef</terminalId><paymentDate>2015-10-29T10:18:48.663+01:00</paymentDate>' +
  '<invoiceReference>20151029186719114</invoiceReference><paymentReference>2015120408531541501005256</paymentReference>' +
  '<invoice><title>T</title><totalAmount><currency>SEK</currency><value>149.90</value></totalAmount></invoice></receipt><version>4</version>';

/** Expects a GlaseTransportError and returns it. */
async function fault(p: Promise<unknown>): Promise<GlaseTransportError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, GlaseTransportError);
    return e as GlaseTransportError;
  }
  throw new assert.Assertion({ message: 'expected the call to throw', operator: 'throws', actual: 'resolved', expects: 'GlaseTransportError' });
}

/** Every string reachable from an error: message, stack, cause chain, own properties. */
function allText(e: unknown, depth = 0): string {
  if (depth > 5 || e === undefined || e === null) return '';
  if (typeof e !== 'object') return String(e);
  const o = e as Record<string, unknown> & { message?: string; stack?: string; cause?: unknown };
  let s = `${o.message ?? ''}\n${o.stack ?? ''}\n${String(e)}\n`;
  for (const k of Object.keys(o)) {
    try {
      s += typeof o[k] === 'object' ? allText(o[k], depth + 1) : String(o[k]);
    } catch { /* getters may throw */ }
  }
  return s + allText(o.cause, depth + 1);
}

{
  t('success with a receipt: amounts in minor units', async () => {
    const c = await createGlaseClient({ endpoint: lb.url });
    lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', PAID)));
    const r = await c.getPaymentStatus(P, '20151029186719114', 0);
    await c.close();
    if (!r.ok) throw new Error('expected ok');
    assert.is(r.status, 'PAID');
    assert.is(r.version, 4);
    assert.is(r.ersReference, '2015120408531541501005256');
    assert.equal(r.receipt?.invoice?.totalAmount, { minor: 14990, currency: 'SEK' });
    assert.is(r.receipt?.paymentDate, '2015-10-29T10:18:48.663+01:00');
    const sent = lb.seen.at(-1)!;
    assert.is(sent.op, 'getPaymentStatus');
    assert.is(sent.headers.soapaction, '""');
    assert.match(sent.body, /<invoiceReference>20151029186719114<\/invoiceReference><invoiceVersion>0<\/invoiceVersion>/);
  });
}

t('a non-zero resultCode is a value named from the table, not an exception', async () => {
  lb.handle((_s, res) => ok(res, envelope('cancelInvoice', '<resultCode>50</resultCode><resultDescription>whatever</resultDescription>')));
  assert.equal(await client.cancelInvoice(P, '1'), { ok: false, code: 50, name: 'CANNOT_CANCEL_PAID_INVOICE' });
  lb.handle((_s, res) => ok(res, envelope('cancelInvoice', '<resultCode>77</resultCode>')));
  assert.equal(await client.cancelInvoice(P, '1'), { ok: false, code: 77, name: 'UNKNOWN ERSWSResultCode = 77' });
});

t('children in another order than the schema are still read', async () => {
  lb.handle((_s, res) => ok(res, envelope('sendInvoice', '<invoiceReference>42</invoiceReference><resultCode>0</resultCode><invoiceQRCode>HTTP://SEQR.SE/R42</invoiceQRCode>')));
  const r = await client.sendInvoice(P, { title: 'T', totalAmount: { minor: 100, currency: 'SEK' } });
  assert.equal(r, { ok: true, code: 0, invoiceReference: '42', invoiceQRCode: 'HTTP://SEQR.SE/R42' });
});

t('an unknown invoice status maps to UNKNOWN with the raw text', async () => {
  lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', '<resultCode>0</resultCode><status>PARTIALLY_PAID</status><version>2</version>')));
  const r = await client.getPaymentStatus(P, '1', 0);
  if (!r.ok) throw new Error('expected ok');
  assert.equal([r.status, r.rawStatus], ['UNKNOWN', 'PARTIALLY_PAID']);
});

t('a response amount with too many decimals is malformed, never rounded', async () => {
  lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', PAID.replace('149.90', '149.905'))));
  const e = await fault(client.getPaymentStatus(P, '1', 0));
  assert.is(e.kind, 'malformed');
  assert.is(e.outcome, 'unknown');
  assert.match(e.message, /receipt\.invoice\.totalAmount\.value.*more than 2 decimals/);
});

// a hostile server's PAID with an absurd amount: the paid amount becomes the payment's amount
// (payment-change.ts paidAmount), so it must not get through (issue 9, attacked again)
t('a response amount beyond the currency\'s largest amount is malformed, never booked', async () => {
  for (const value of ['1000000.01', '90071992547409.91', '-1000000.01']) {
    lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', PAID.replace('149.90', value))));
    const e = await fault(client.getPaymentStatus(P, '1', 0));
    assert.equal([e.kind, e.outcome], ['malformed', 'unknown'], value);
    assert.match(e.message, /receipt\.invoice\.totalAmount\.value: is beyond the largest amount \(1000000\.00 SEK, either sign\)/, value);
  }
  lb.handle((_s, res) => ok(res, envelope('getPaymentStatus', PAID.replace('149.90', '1000000.00'))));
  const most = await client.getPaymentStatus(P, '1', 0);
  if (!most.ok) throw new Error('expected ok');
  assert.is(most.receipt?.invoice?.totalAmount.minor, 100_000_000, 'the largest amount itself is read');
});

t('missing resultCode, missing return, or a non-integer code are malformed', async () => {
  lb.handle((_s, res) => ok(res, envelope('cancelInvoice', '<resultDescription>SUCCESS</resultDescription>')));
  assert.match((await fault(client.cancelInvoice(P, '1'))).message, /resultCode: is required/);
  lb.handle((_s, res) => ok(res, '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>'));
  assert.is((await fault(client.cancelInvoice(P, '1'))).kind, 'malformed');
  lb.handle((_s, res) => ok(res, envelope('cancelInvoice', '<resultCode>zero</resultCode>')));
  assert.match((await fault(client.cancelInvoice(P, '1'))).message, /resultCode: must be an integer/);
});

t('garbage instead of XML is malformed with an unknown outcome', async () => {
  lb.handle((_s, res) => ok(res, '<<<this is not xml&&&'));
  const e = await fault(client.cancelInvoice(P, '1'));
  assert.equal([e.kind, e.outcome], ['malformed', 'unknown']);
  lb.handle((_s, res) => ok(res, 'plain words'));
  assert.is((await fault(client.cancelInvoice(P, '1'))).kind, 'malformed');
});

t('a soap:Fault (HTTP 500) is a soap-fault with an unknown outcome', async () => {
  lb.handle((_s, res) => res.writeHead(500, { 'Content-Type': 'text/xml' }).end(soapFault('soap:Server', 'Unmarshalling Error')));
  const e = await fault(client.sendInvoice(P, { totalAmount: { minor: 100, currency: 'SEK' } }));
  assert.equal([e.kind, e.outcome], ['soap-fault', 'unknown']);
  assert.match(e.message, /^sendInvoice: SOAP fault soap:Server: Unmarshalling Error/);
});

t('HTTP 500/503 without a fault is an http error with the status', async () => {
  lb.handle((_s, res) => res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html>busy</html>'));
  const e = await fault(client.getPaymentStatus(P, '1', 0));
  assert.equal([e.kind, e.outcome, e.status], ['http', 'unknown', 503]);
});

t('no answer within the per-call timeout is a timeout with an unknown outcome', async () => {
  lb.handle(() => { /* never answer */ });
  const started = Date.now();
  const e = await fault(client.getPaymentStatus(P, '1', 0));
  assert.equal([e.kind, e.outcome], ['timeout', 'unknown']);
  assert.ok(Date.now() - started < 2000);
});

t('a connection dropped after the request arrived is transport/unknown', async () => {
  lb.handle((_s, _res, req) => req.socket.destroy());
  const e = await fault(client.refundPayment(P, '2015120408531541501005256', { totalAmount: { minor: 100, currency: 'SEK' } }));
  assert.equal([e.kind, e.outcome], ['transport', 'unknown']);
});

t('a reply past the 1 MiB cap (a valid envelope padded with whitespace) fails reply-too-large/unknown', async () => {
  lb.handle((_s, res) => ok(res, envelope('sendInvoice', '<resultCode>0</resultCode>' + ' '.repeat(1024 * 1024) + '<invoiceReference>1</invoiceReference>')));
  const e = await fault(client.sendInvoice(P, { totalAmount: { minor: 100, currency: 'SEK' } }));
  assert.equal([e.kind, e.code, e.outcome], ['reply-too-large', 'glase.reply-too-large', 'unknown']);
});

t('connection refused and unresolvable hosts are certainly not applied', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const c = await createGlaseClient({ endpoint: `http://127.0.0.1:${port}/soap`, timeoutMs: 2000 });
  const e = await fault(c.sendInvoice(P, { totalAmount: { minor: 100, currency: 'SEK' } }));
  assert.equal([e.kind, e.outcome], ['transport', 'not-applied']);
  assert.match(e.message, /ECONNREFUSED/);
  await c.close();
  const d = await createGlaseClient({ endpoint: 'http://no-such-host.invalid/soap', timeoutMs: 5000 });
  const e2 = await fault(d.sendInvoice(P, { totalAmount: { minor: 100, currency: 'SEK' } }));
  assert.equal([e2.kind, e2.outcome], ['transport', 'not-applied']);
  await d.close();
});

t('the password never appears in errors, their causes, or log lines', async () => {
  lines.length = 0;
  // a hostile server that echoes the request, password included, into its fault and garbage
  const pw = (body: string) => /<password>([^<]*)<\/password>/.exec(body)?.[1] ?? 'none';
  lb.handle((s, res) => res.writeHead(500, { 'Content-Type': 'text/xml' }).end(soapFault('soap:Client', `bad request: password ${pw(s.body)} rejected`)));
  const e1 = await fault(client.getPaymentStatus(P, '1', 0));
  assert.ok(lb.seen.at(-1)!.body.includes(PASSWORD), 'the password is on the wire, as it must be');
  lb.handle((s, res) => ok(res, `<a>${pw(s.body)}</b>`));
  const e2 = await fault(client.getPaymentStatus(P, '1', 0));
  lb.handle((_s, _res, req) => req.socket.destroy());
  const e3 = await fault(client.getPaymentStatus(P, '1', 0));
  lb.handle(() => {});
  const e4 = await fault(client.getPaymentStatus(P, '1', 0));
  lb.handle((s, res) => ok(res, envelope('getPaymentStatus', `<resultCode>${pw(s.body)}</resultCode>`)));
  const e5 = await fault(client.getPaymentStatus(P, '1', 0));
  for (const e of [e1, e2, e3, e4, e5]) assert.not.ok(allText(e).includes(PASSWORD), `${e.kind}: ${allText(e).slice(0, 300)}`);
  assert.ok(allText(e1).includes('bad request'), 'the fault text itself is kept');
  assert.ok(lines.length >= 4, 'one log line per call');
  for (const l of lines) assert.not.ok(l.includes(PASSWORD), l);
});

t('a long echo that a message is cut through never leaves part of the password behind', async () => {
  const pw = (body: string) => /<password>([^<]*)<\/password>/.exec(body)?.[1] ?? 'none';
  const head = PASSWORD.slice(0, 6);
  // the fault message is cut at 300 characters, 24 of them "SOAP fault soap:Client: "
  lb.handle((s, res) => res.writeHead(500, { 'Content-Type': 'text/xml' }).end(soapFault('soap:Client', 'x'.repeat(270) + pw(s.body))));
  const e1 = await fault(client.getPaymentStatus(P, '1', 0));
  // an integer field's bad value is quoted up to 40 characters
  lb.handle((s, res) => ok(res, envelope('getPaymentStatus', `<resultCode>${'1'.repeat(34)}${pw(s.body)}</resultCode>`)));
  const e2 = await fault(client.getPaymentStatus(P, '1', 0));
  for (const e of [e1, e2]) assert.not.ok(allText(e).includes(head), `${e.kind}: ${allText(e).slice(0, 400)}`);
  assert.match(e2.message, /resultCode: must be an integer/);
});

t('registerTerminal: the new terminal password never appears in errors or log lines either', async () => {
  lines.length = 0;
  const NEW_PW = 'Kx7-new-terminal-pw';
  // echoes every <password> of the request: the reseller's and the new terminal's
  const all = (body: string) => [...body.matchAll(/<password>([^<]*)<\/password>/g)].map((m) => m[1]).join(' ');
  lb.handle((s, res) => res.writeHead(500, { 'Content-Type': 'text/xml' }).end(soapFault('soap:Client', `bad request: ${all(s.body)}`)));
  const e = await fault(client.registerTerminal(resellerPrincipal('shop', '9900', PASSWORD), { externalTerminalId: 'till 1', password: NEW_PW, name: 'Till 1' }));
  assert.ok(lb.seen.at(-1)!.body.includes(NEW_PW), 'the new password is on the wire, as it must be');
  assert.ok(allText(e).includes('bad request'), 'the fault text itself is kept');
  assert.not.ok(allText(e).includes(NEW_PW), allText(e));
  assert.not.ok(allText(e).includes(PASSWORD), allText(e));
  for (const l of lines) assert.not.ok(l.includes(NEW_PW) || l.includes(PASSWORD), l);
});

t('one debug line per call with operation, principal type, result code and ms', async () => {
  lines.length = 0;
  lb.handle((_s, res) => ok(res, envelope('assignSeqrId', '<resultCode>53</resultCode>')));
  await client.assignSeqrId(P, 'bad id!');
  assert.is(lines.length, 1);
  assert.match(lines[0], /^<7>debug glase call op=assignSeqrId principal=TERMINALID code=53 ms=\d+$/);
});

t.run();
