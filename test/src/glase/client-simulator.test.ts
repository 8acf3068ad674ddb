// The client against the Glase simulator over real loopback HTTP. A recording proxy in
// between keeps every request and response body for schema validation with xmllint.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createGlaseClient } from '../../../src/glase/client.js';
import { resellerPrincipal, terminalPrincipal } from '../../../src/glase/context.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { opOf } from './_loopback.js';
import { xmllintErrors } from './_xmllint.js';

const t = suite('glase client against the simulator');

interface Exchange { op: string; request: string; response: string; status: number }
let sim: Simulator;
let proxy: http.Server;
let proxyUrl = '';
const exchanges: Exchange[] = [];

t.before(async () => {
  sim = await startSimulator({ port: 0, reportDelayMs: 0 });
  const target = new URL(sim.soapUrl);
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = Buffer.concat(chunks).toString('utf8');
      const up = http.request({ hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: req.headers }, (ur) => {
        const back: Buffer[] = [];
        ur.on('data', (c: Buffer) => back.push(c));
        ur.on('end', () => {
          const response = Buffer.concat(back).toString('utf8');
          exchanges.push({ op: opOf(request), request, response, status: ur.statusCode ?? 0 });
          res.writeHead(ur.statusCode ?? 502, { 'Content-Type': 'text/xml; charset=utf-8' }).end(response);
        });
      });
      up.on('error', () => req.socket.destroy()); // the simulator dropped it: drop ours too
      up.end(request);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/soap/merchant/cashregister-2`;
});
t.after(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((r) => proxy.close(() => r()));
  await sim.close();
});

async function control(path: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  // a fresh connection each time: a kept-alive one can be closed by the server's idle timer just as it is reused (ECONNRESET when the loop is slow)
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

{
  t('register → assign → invoice → pay → PAID with receipt → refund', async () => {
    const tag = 'a';
    const from = exchanges.length;
    assert.is((await control('/simulator/resellers', { resellerId: `shop_${tag}`, userId: '9900', password: 'reseller-pw' })).status, 201);
    const c = await createGlaseClient({ endpoint: proxyUrl, clientId: 'glase-pos test' });
    const R = resellerPrincipal(`shop_${tag}`, '9900', 'reseller-pw');

    const bad = await c.registerTerminal(resellerPrincipal(`shop_${tag}`, '9900', 'wrong'), { externalTerminalId: 'x', password: 'term-pw', name: 'x' });
    assert.equal(bad, { ok: false, code: 20, name: 'AUTHENTICATION_FAILED' });

    const reg = await c.registerTerminal(R, { externalTerminalId: `till-${tag}`, password: 'term-pw', name: 'Till' });
    if (!reg.ok) throw new Error(`registerTerminal: ${reg.name}`);
    assert.match(reg.terminalId, /^[0-9a-f]{32}$/);
    const P = terminalPrincipal(reg.terminalId, 'term-pw');
    const glaseId = `STICKER${tag.toUpperCase()}1`;
    assert.equal(await c.assignSeqrId(P, glaseId), { ok: true, code: 0 });
    assert.equal(await c.assignSeqrId(P, 'not valid!'), { ok: false, code: 53, name: 'INVALID_SEQR_ID' });

    const inv = await c.sendInvoice(P, {
      paymentMode: 'IMMEDIATE_DEBIT', acknowledgmentMode: 'NO_ACKNOWLEDGMENT', title: 'Fika', clientInvoiceId: `R-${tag}`, cashierId: 'Anna',
      invoiceRows: [
        { itemDescription: 'Kaffe', itemQuantity: '2', itemTotalAmount: { minor: 5000, currency: 'SEK' } },
        { itemDescription: 'Rabatt', itemQuantity: '1', itemTotalAmount: { minor: -510, currency: 'SEK' } },
      ],
      totalAmount: { minor: 4490, currency: 'SEK' },
    });
    if (!inv.ok) throw new Error(`sendInvoice: ${inv.name}`);
    assert.match(inv.invoiceReference, /^\d+$/);
    const before = await c.getPaymentStatus(P, inv.invoiceReference, 0);
    assert.ok(before.ok && before.status === 'ISSUED', JSON.stringify(before));

    assert.is((await control('/simulator/customer/pay', { glaseId })).status < 300, true);
    const paid = await c.getPaymentStatus(P, inv.invoiceReference, 0);
    if (!paid.ok) throw new Error(`getPaymentStatus: ${paid.name}`);
    assert.is(paid.status, 'PAID');
    assert.match(paid.ersReference ?? '', /^\d{25}$/);
    assert.is(paid.receipt?.paymentReference, paid.ersReference);
    assert.is(paid.receipt?.invoiceReference, inv.invoiceReference);
    assert.is(paid.receipt?.clientInvoiceId, `R-${tag}`);
    assert.equal(paid.receipt?.invoice?.totalAmount, { minor: 4490, currency: 'SEK' });
    assert.ok(paid.version > 0);

    assert.equal(await c.cancelInvoice(P, inv.invoiceReference), { ok: false, code: 50, name: 'CANNOT_CANCEL_PAID_INVOICE' });
    const refund = await c.refundPayment(P, paid.ersReference!, { title: 'Refund', totalAmount: { minor: 1000, currency: 'SEK' } });
    if (!refund.ok) throw new Error(`refundPayment: ${refund.name}`);
    assert.match(refund.ersReference, /^\d{25}$/);
    assert.is.not(refund.ersReference, paid.ersReference);
    const over = await c.refundPayment(P, paid.ersReference!, { title: 'Refund', totalAmount: { minor: 4000, currency: 'SEK' } });
    assert.equal(over, { ok: false, code: 98, name: 'SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION' });
    assert.equal(await c.submitPaymentReceipt(P, paid.ersReference!, { mimeType: 'text/plain', receiptData: Buffer.from('kvitto').toString('base64'), receiptType: 'PAYMENT_RECEIPT' }), { ok: true, code: 0 });

    const period = await c.markTransactionPeriod(R, { TERMINALID: reg.terminalId });
    if (!period.ok) throw new Error(`markTransactionPeriod: ${period.name}`);
    const report = await c.executeReport(R, 'Reconciliation/Shop.xml', 'en', { transactionPeriodId: period.transactionPeriodId });
    assert.ok(report.ok, JSON.stringify(report));
    assert.match(report.report?.contentString ?? '', /</);
    assert.equal(await c.commitReservation(P, inv.invoiceReference), { ok: false, code: 96, name: 'INVOICE_STATE_NOT_RESERVED' });
    assert.equal(await c.benchmarkingNop(), { ok: true, code: 0 });
    assert.equal(await c.unregisterTerminal(P), { ok: true, code: 0 });
    assert.equal(await c.getPaymentStatus(P, inv.invoiceReference, 0), { ok: false, code: 29, name: 'INVALID_INITIATOR_PRINCIPAL_ID' });
    await c.close();

    // every body that went over the wire, both directions, fits the reference schema
    const seen = exchanges.slice(from);
    assert.is(seen.length, 17, "one exchange per call");
    for (const x of seen) {
      assert.is(xmllintErrors(x.request), '', `request ${x.op}:\n${x.request}`);
      assert.is(x.status, 200, `${x.op} answered ${x.status}`);
      assert.is(xmllintErrors(x.response), '', `response ${x.op}:\n${x.response}`);
    }
  });
}

t('simulator faults reach the client as typed errors: dropped → unknown, delayed → timeout', async () => {
  const c = await createGlaseClient({ endpoint: proxyUrl, timeoutMs: 300 });
  assert.is((await control('/simulator/faults', { operation: 'benchmarkingNop', drop: true, times: 1 })).status < 300, true);
  let e = await c.benchmarkingNop().then(() => undefined, (x: unknown) => x);
  assert.instance(e, GlaseTransportError);
  assert.equal([(e as GlaseTransportError).kind, (e as GlaseTransportError).outcome], ['transport', 'unknown']);
  assert.is((await control('/simulator/faults', { operation: 'benchmarkingNop', delayMs: 1000, times: 1 })).status < 300, true);
  e = await c.benchmarkingNop().then(() => undefined, (x: unknown) => x);
  assert.equal([(e as GlaseTransportError).kind, (e as GlaseTransportError).outcome], ['timeout', 'unknown']);
  assert.is((await control('/simulator/faults', { operation: 'benchmarkingNop', resultCode: 93, times: 1 })).status < 300, true);
  assert.equal(await c.benchmarkingNop(), { ok: false, code: 93, name: 'SYSTEM_BUSY' });
  assert.equal(await c.benchmarkingNop(), { ok: true, code: 0 });
  await c.close();
});

t.run();
