import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { amount, call, ctl, invoiceXml, registerTerminal, send, setup, status, terminal } from './helpers.js';
import type { Simulator } from '../../../src/simulator/index.js';

const t = suite('simulator: invoices');
let sim: Simulator;
let term: ReturnType<typeof terminal>;
const G = 'INV1';
const pay = (glaseId = G) => ctl(sim, 'POST', '/simulator/customer/pay', { glaseId });

t.before(async () => {
  ({ sim, term } = await setup({}, G));
});
t.after(async () => sim.close());

t('sendInvoice returns a numeric reference and the QR code, in WSDL order', async () => {
  const r = await send(sim, term, invoiceXml({ total: '25.00', rows: ['30.00', '-5.00'] }));
  assert.is(r.resultCode, '0');
  assert.match(r.invoiceReference, /^\d{17}$/);
  assert.is(r.invoiceQRCode, `HTTP://SEQR.SE/R${r.invoiceReference}`);
  assert.match(r.raw, /<resultDescription>SUCCESS<\/resultDescription><invoiceQRCode>[^<]+<\/invoiceQRCode><invoiceReference>/);
  const st = await status(sim, term, r.invoiceReference);
  assert.is(st.status, 'ISSUED');
  assert.is(st.version, '0');
  assert.is(st.ersReference, undefined);
});

t('sendInvoice validation: 49 rows not summing, wrong currency, garbled; 11 non-positive; 64 bad notificationUrl', async () => {
  const code = async (inv: string) => (await send(sim, term, inv)).resultCode;
  assert.is(await code(invoiceXml({ total: '10.00', rows: ['4.00', '5.00'] })), '49');
  assert.is(await code(invoiceXml({ total: '10.00', currency: 'EUR' })), '49');
  assert.is(await code(invoiceXml({ total: '10.005' })), '49');
  assert.is(await code(invoiceXml({ total: 'ten' })), '49');
  assert.is(await code('<invoice><title>x</title></invoice>'), '49');
  assert.is(await code(''), '49');
  assert.is(await code(invoiceXml({ total: '10.00', mode: 'CASH' })), '49');
  assert.is(await code(invoiceXml({ total: '0.00' })), '11');
  assert.is(await code(invoiceXml({ total: '-1.00', rows: ['-1.00'] })), '11');
  assert.is(await code(invoiceXml({ total: '2000000.00' })), '11');
  assert.is(await code(invoiceXml({ total: '10.00', extra: '<notificationUrl>ftp://x</notificationUrl>' })), '64');
  assert.is(await code(invoiceXml({ total: '10.00', extra: '<notificationUrl>https://shop.example/n</notificationUrl>' })), '0');
  assert.is(await code(invoiceXml({ total: '10.00', rows: ['12.00', '-2.00'] })), '0'); // negative rows balance
});

t('sendInvoice: row amounts are bounded and summed exactly (huge rows cannot round into balance)', async () => {
  const code = async (inv: string) => (await send(sim, term, inv)).resultCode;
  // M = 2^53-1 minor units: as floats M + M + 3 - M - M is 1, so these rows "summed" to 0.01
  const M = '90071992547409.91';
  assert.is(await code(invoiceXml({ total: '0.01', rows: [M, M, '0.03', `-${M}`, `-${M}`] })), '49');
  // within the largest amount (1 000 000.00) the sum is exact: one minor unit off is refused
  const L = '1000000.00';
  assert.is(await code(invoiceXml({ total: '0.02', rows: [L, L, '0.03', `-${L}`, `-${L}`] })), '49');
  assert.is(await code(invoiceXml({ total: '0.03', rows: [L, L, '0.03', `-${L}`, `-${L}`] })), '0');
  assert.is(await code(invoiceXml({ total: '0.03', rows: ['1000000.01', '0.02', '-1000000.00'] })), '49', 'one row beyond the largest amount');
});

t('one open invoice per terminal: a new sendInvoice cancels the previous one', async () => {
  const a = await send(sim, term);
  const b = await send(sim, term);
  const sa = await status(sim, term, a.invoiceReference);
  assert.is(sa.status, 'CANCELED');
  assert.is(sa.version, '1');
  assert.is((await status(sim, term, b.invoiceReference)).status, 'ISSUED');
  const open = await ctl(sim, 'GET', `/simulator/invoices?glaseId=${G}`);
  assert.is(open.status, 200);
  assert.is(open.json.reference, b.invoiceReference);
});

t('PAID carries a 25-digit ersReference and the full receipt; version increments; any invoiceVersion accepted', async () => {
  const s = await send(sim, term, invoiceXml({ total: '12.50', rows: ['12.50'] }));
  const p = await pay();
  assert.is(p.status, 200);
  assert.is(p.json.status, 'PAID');
  const st = await call(sim, 'getPaymentStatus', term, `<invoiceReference>${s.invoiceReference}</invoiceReference><invoiceVersion>7</invoiceVersion>`);
  assert.is(st.resultCode, '0');
  assert.is(st.status, 'PAID');
  assert.is(st.version, '1');
  assert.match(st.ersReference, /^\d{25}$/);
  const rc = st.receipt;
  assert.is(rc.terminalId, term.id);
  assert.is(rc.invoiceReference, s.invoiceReference);
  assert.is(rc.paymentReference, st.ersReference);
  assert.is(rc.clientInvoiceId, 'ci-1');
  assert.match(rc.payerTerminalId, /^[0-9a-f]{32}$/);
  assert.is(rc.receiverName, 'shop1');
  assert.ok(!Number.isNaN(Date.parse(rc.paymentDate)));
  assert.equal(rc.invoice.totalAmount, { currency: 'SEK', value: '12.50' });
  assert.is(rc.invoice.invoiceRows.invoiceRow.length, 1);
  // WSDL order: ersReference, resultCode, resultDescription, status, receipt, version
  assert.match(st.raw, /<return><ersReference>\d{25}<\/ersReference><resultCode>0<\/resultCode><resultDescription>SUCCESS<\/resultDescription><status>PAID<\/status><receipt><terminalId>.*<\/receipt><version>1<\/version><\/return>/);
});

t('getPaymentStatus: 54 for another terminal\'s reference or an unknown one', async () => {
  const s = await send(sim, term);
  const other = await registerTerminal(sim, 'other-pass');
  const r = await status(sim, other, s.invoiceReference);
  assert.is(r.resultCode, '54');
  assert.is(r.resultDescription, 'INVALID_INVOICE_REFERENCE');
  assert.is((await status(sim, term, '999')).resultCode, '54');
  assert.is((await call(sim, 'cancelInvoice', other, `<invoiceReference>${s.invoiceReference}</invoiceReference>`)).resultCode, '54');
});

t('cancelInvoice: 0 then 95; paid 50; customer confirming 51; unknown 54', async () => {
  const cancel = async (ref: string) => (await call(sim, 'cancelInvoice', term, `<invoiceReference>${ref}</invoiceReference>`)).resultCode;
  const a = await send(sim, term);
  assert.is(await cancel(a.invoiceReference), '0');
  const sa = await status(sim, term, a.invoiceReference);
  assert.is(sa.status, 'CANCELED');
  assert.is(sa.version, '1');
  assert.is(await cancel(a.invoiceReference), '95');
  const b = await send(sim, term);
  assert.is((await ctl(sim, 'POST', '/simulator/customer/scan', { glaseId: G })).status, 200);
  assert.is(await cancel(b.invoiceReference), '51');
  assert.is((await call(sim, 'updateInvoice', term, `<invoiceReference>${b.invoiceReference}</invoiceReference>${invoiceXml({ total: '9.00' })}`)).resultCode, '48');
  assert.is((await pay()).status, 200);
  assert.is(await cancel(b.invoiceReference), '50');
  assert.is(await cancel('123'), '54');
});

t('customer decline → FAILED', async () => {
  const s = await send(sim, term);
  const d = await ctl(sim, 'POST', '/simulator/customer/decline', { glaseId: G });
  assert.is(d.json.status, 'FAILED');
  const st = await status(sim, term, s.invoiceReference);
  assert.is(st.status, 'FAILED');
  assert.is(st.version, '1');
  assert.is((await pay()).status, 404); // nothing open any more
});

t('REQUIRE_ACKNOWLEDGMENT: scan → PENDING_ISSUER_ACKNOWLEDGE, updateInvoice acknowledges, then PAID', async () => {
  const s = await send(sim, term, invoiceXml({ total: '20.00', ack: 'REQUIRE_ACKNOWLEDGMENT' }));
  const p1 = await pay();
  assert.is(p1.status, 409);
  assert.match(p1.json.error, /updateInvoice/);
  const st = await status(sim, term, s.invoiceReference);
  assert.is(st.status, 'PENDING_ISSUER_ACKNOWLEDGE');
  assert.is(st.version, '1');
  const u = await call(sim, 'updateInvoice', term, `<invoiceReference>${s.invoiceReference}</invoiceReference>${invoiceXml({ total: '18.00', ack: 'REQUIRE_ACKNOWLEDGMENT' })}`);
  assert.is(u.resultCode, '0');
  assert.is((await status(sim, term, s.invoiceReference)).version, '2');
  assert.is((await pay()).status, 200);
  const paid = await status(sim, term, s.invoiceReference);
  assert.is(paid.status, 'PAID');
  assert.is(paid.version, '3');
  assert.equal(paid.receipt.invoice.totalAmount, { currency: 'SEK', value: '18.00' });
  const late = await call(sim, 'updateInvoice', term, `<invoiceReference>${s.invoiceReference}</invoiceReference>${invoiceXml({ total: '1.00' })}`);
  assert.is(late.resultCode, '90'); // updating a paid invoice fails (loyalty diagram)
});

t('updateInvoice validates like sendInvoice (49, 11, 64) and answers 54 for unknown references', async () => {
  const s = await send(sim, term);
  const up = async (inv: string, ref = s.invoiceReference) => (await call(sim, 'updateInvoice', term, `<invoiceReference>${ref}</invoiceReference>${inv}`)).resultCode;
  assert.is(await up(invoiceXml({ total: '10.00', currency: 'USD' })), '49');
  assert.is(await up(invoiceXml({ total: '0' })), '11');
  assert.is(await up(invoiceXml({ total: '5.00', extra: '<notificationUrl>nope</notificationUrl>' })), '64');
  assert.is(await up(invoiceXml({ total: '5.00' }), '42'), '54');
  assert.is(await up(invoiceXml({ total: '5.00' })), '0');
  assert.is((await ctl(sim, 'GET', `/simulator/invoices?glaseId=${G}`)).json.totalMinor, 500);
});

t('reservations: RESERVED, commitReservation with an optional smaller amount; 96 when not reserved', async () => {
  const s = await send(sim, term, invoiceXml({ total: '50.00', mode: 'RESERVATION_REQUIRED' }));
  assert.is((await pay()).json.status, 'RESERVED');
  assert.is((await status(sim, term, s.invoiceReference)).status, 'RESERVED');
  const commit = (amt: string) => call(sim, 'commitReservation', term, `${amt}<invoiceReference>${s.invoiceReference}</invoiceReference>`);
  assert.is((await commit(`<amount>${amount('60.00')}</amount>`)).resultCode, '11');
  const ok = await commit(`<amount>${amount('45.00')}</amount>`);
  assert.is(ok.resultCode, '0');
  const st = await status(sim, term, s.invoiceReference);
  assert.is(st.status, 'PAID');
  assert.equal(st.receipt.invoice.totalAmount, { currency: 'SEK', value: '45.00' });
  assert.is((await commit('')).resultCode, '96');
  const plain = await send(sim, term);
  const r = await call(sim, 'commitReservation', term, `<invoiceReference>${plain.invoiceReference}</invoiceReference>`);
  assert.is(r.resultCode, '96');
  assert.is(r.resultDescription, 'INVOICE_STATE_NOT_RESERVED');
});

t('invoices with a missing acknowledgmentMode wait for an acknowledgement, as on the real endpoint', async () => {
  await send(sim, term, invoiceXml({ total: '3.00', ack: null }));
  assert.is((await pay()).status, 409);
});

t.run();
