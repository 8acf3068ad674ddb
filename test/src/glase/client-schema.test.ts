// Every request the client sends validates with xmllint against the reference WSDL's schema
// (and later-revision fields against ours), and is the XML the soap package's serializer
// wrote before we replaced it (compared with a recording: test/fixtures/glase/wire/).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { envelope, ok, startLoopback, type Loopback } from './_loopback.js';
import { xmllintErrors } from './_xmllint.js';
import { REFERENCE_WSDL, extractSchema } from '../../fixtures/glase/extract-schema.mjs';
import { resellerPrincipal, terminalPrincipal } from '../../../src/glase/context.js';
import type { Invoice } from '../../../src/glase/types.js';
import { INVOICE, P, R, RETURNS, TOKENS } from './_sample-calls.js';
import { SOAP_RECORDING } from './_recording.js';

const t = suite('glase client requests validate');


/** One call of every operation; the shapes of both API revisions where they differ. */
async function everyOperation(c: GlaseClient, laterRevision: boolean): Promise<void> {
  const must = async (p: Promise<{ ok: boolean }>) => assert.ok((await p).ok);
  await must(c.registerTerminal(R, { externalTerminalId: 'till-1', password: 'tpw', name: 'Till 1' }));
  await must(c.unregisterTerminal(P));
  await must(c.assignSeqrId(P, 'GLASE123'));
  await must(c.sendInvoice(P, laterRevision ? { ...INVOICE, paymentMode: 'RESERVATION_REQUIRED_PRELIMINARY_AMOUNT', commitReservationTimeout: 3600 } : INVOICE, TOKENS));
  await must(c.updateInvoice(P, '20260102100000001', INVOICE, TOKENS));
  await must(c.getPaymentStatus(P, '20260102100000001', 3));
  await must(c.cancelInvoice(P, '20260102100000001'));
  await must(c.refundPayment(P, '2026010210000000000000001', { title: 'Refund', totalAmount: { minor: 1000, currency: 'SEK' } }));
  await must(c.submitPaymentReceipt(P, '2026010210000000000000001', { mimeType: 'text/html', receiptData: Buffer.from('<p>kvitto</p>').toString('base64'), receiptType: 'PAYMENT_RECEIPT' }));
  await must(c.markTransactionPeriod(R, { TERMINALID: '0123456789abcdef0123456789abcdef' }));
  await must(c.executeReport(R, 'Reconciliation/STD_RECON_002.xml', 'en', { transactionPeriodId: '7' }));
  await must(c.commitReservation(P, '20260102100000001', laterRevision ? { minor: 4000, currency: 'SEK' } : undefined));
  await must(c.benchmarkingNop());
}

let lb: Loopback;
t.before(async () => {
  lb = await startLoopback();
  lb.handle((s, res) => ok(res, envelope(s.op, RETURNS[s.op] ?? '<resultCode>0</resultCode>')));
});
t.after(() => lb.close());

t('the schema fixture is the reference WSDL schema, unchanged', () => {
  const fixture = readFileSync(fileURLToPath(new URL('../../fixtures/glase/reference-schema.xsd', import.meta.url)), 'utf8');
  assert.is(fixture, extractSchema(readFileSync(REFERENCE_WSDL, 'utf8')));
});

t('the validator rejects what the schema forbids (control)', () => {
  const good = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><t:cancelInvoice xmlns:t="http://external.interfaces.ers.seamless.com/"><invoiceReference>1</invoiceReference></t:cancelInvoice></s:Body></s:Envelope>';
  assert.is(xmllintErrors(good), '');
  // qualified child, wrong order, unknown operation: each must fail
  assert.match(xmllintErrors(good.replace('<invoiceReference>1</invoiceReference>', '<t:invoiceReference>1</t:invoiceReference>')), /fails to validate|not expected/);
  assert.match(xmllintErrors(good.replace('<invoiceReference>1</invoiceReference>', '<invoiceReference>1</invoiceReference><context><clientRequestTimeout>0</clientRequestTimeout></context>')), /not expected/);
  assert.match(xmllintErrors(good.replaceAll('cancelInvoice', 'payEverything')), /fails to validate|No matching global/);
});

t('every request validates against the reference schema', async () => {
  const c = await createGlaseClient({ endpoint: lb.url });
  const from = lb.seen.length;
  await everyOperation(c, false);
  await c.close();
  const sent = lb.seen.slice(from);
  assert.is(sent.length, 13);
  for (const s of sent) assert.is(xmllintErrors(s.body), '', `${s.op}:\n${s.body}`);
});

t('later-revision requests validate against our schema; the reference schema rejects them', async () => {
  const c = await createGlaseClient({ endpoint: lb.url });
  const from = lb.seen.length;
  await everyOperation(c, true);
  await c.close();
  const sent = lb.seen.slice(from);
  for (const s of sent) assert.is(xmllintErrors(s.body, 'ours'), '', `${s.op}:\n${s.body}`);
  const commit = sent.find((s) => s.op === 'commitReservation')!;
  assert.match(commit.body, /<context>.*<\/context><amount><currency>SEK<\/currency><value>40.00<\/value><\/amount><invoiceReference>/);
  assert.match(xmllintErrors(commit.body, 'reference'), /amount.*not expected/);
});

// Every character a hostile caller could slip into a free-text field: all C0 controls (NUL,
// BEL, ESC …), DEL and C1, markup, a CDATA end, U+FFFE/U+FFFF and an unpaired surrogate.
const HOSTILE = `x${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}\u007f\u0085&<>"']]>\ufffe\uffff\ud800y`;

/** Every operation with the hostile string in each text field the client sends. */
async function everyOperationHostile(c: GlaseClient, h: string): Promise<void> {
  const must = async (p: Promise<{ ok: boolean }>) => assert.ok((await p).ok);
  const rp = resellerPrincipal(`shop${h}`, `9900${h}`, `pw${h}`);
  const tp = terminalPrincipal(`0123456789abcdef${h}`, `tpw${h}`);
  const inv: Invoice = {
    ...INVOICE, title: h, clientInvoiceId: `R-${h}`, cashierId: h, footer: h, notificationUrl: `http://127.0.0.1/${h}`,
    invoiceRows: INVOICE.invoiceRows!.map((r) => ({ ...r, itemDescription: h, itemSKU: h, itemUnit: h, itemEAN: h })),
  };
  const tokens = [{ id: h, status: 1, value: h, description: h }];
  await must(c.registerTerminal(rp, { externalTerminalId: h, password: h, name: h }));
  await must(c.unregisterTerminal(tp));
  await must(c.assignSeqrId(tp, h));
  await must(c.sendInvoice(tp, inv, tokens));
  await must(c.updateInvoice(tp, h, inv, tokens));
  await must(c.getPaymentStatus(tp, h, 3));
  await must(c.cancelInvoice(tp, h));
  await must(c.refundPayment(tp, h, { title: h, totalAmount: { minor: 1000, currency: 'SEK' } }));
  await must(c.submitPaymentReceipt(tp, h, { mimeType: h, receiptData: 'AAAA', receiptType: h }));
  await must(c.markTransactionPeriod(rp, { TERMINALID: h }));
  await must(c.executeReport(rp, h, h, { [h.replace(/[^a-z]/g, '')]: h }));
  await must(c.commitReservation(tp, h, undefined));
}

t('hostile strings in every text field still make valid requests', async () => {
  const c = await createGlaseClient({ endpoint: lb.url });
  const from = lb.seen.length;
  await everyOperationHostile(c, HOSTILE);
  await c.close();
  const sent = lb.seen.slice(from);
  assert.is(sent.length, 12);
  for (const s of sent) {
    assert.is(xmllintErrors(s.body), '', `${s.op}:\n${JSON.stringify(s.body)}`);
    // what XML can carry survives: printable text, markup (escaped), tab/LF/CR
    if (s.op === 'sendInvoice') assert.match(s.body, /<title>x(\t|&#x9;)(\n|&#xA;)(\r|&#xD;)\u007f\u0085&amp;&lt;&gt;(&quot;|")(&apos;|')\]\]&gt;y<\/title>/);
  }
});

t('our request writer produces the same XML as the soap package serializer did (recorded with soap 1.13.0)', async () => {
  const c = await createGlaseClient({ endpoint: lb.url });
  const from = lb.seen.length;
  await everyOperation(c, true);
  await c.close();
  // normalize what legitimately differs: the prefix, where xmlns sits, the clientReference
  const norm = (body: string) =>
    body.replace(/^.*?<soap:Body>/, '').replace(/ xmlns:\w+="[^"]*"/g, '').replace(/<(\/?)\w+:/g, '<$1')
      .replace(/<clientReference>[^<]*</, '<clientReference>X<');
  const recorded = SOAP_RECORDING.requests.filter((r) => r.shape === 'later revision' && r.wsdl === 'ours');
  assert.is(recorded.length, 13);
  assert.equal(lb.seen.slice(from).map((s) => norm(s.body)), recorded.map((r) => norm(r.soapSerializer)));
});

t.run();
