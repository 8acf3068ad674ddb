import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WireShapeError, fromWireAmount, fromWireInvoice, fromWirePaymentStatus, toWireInvoice, toWireParameters } from '../../../src/glase/wire-map.js';
import { requestXml } from '../../../src/glase/request-xml.js';
import { clientContext, newClientReference, resellerPrincipal, terminalPrincipal } from '../../../src/glase/context.js';

const t = suite('glase wire-map');

t('amounts go out as #.## major units from integer minor units', () => {
  const w = toWireInvoice({ title: 'x', totalAmount: { minor: 1250, currency: 'SEK' }, invoiceRows: [
    { itemDescription: 'a', itemQuantity: '1', itemTotalAmount: { minor: 1300, currency: 'SEK' } },
    { itemDescription: 'rebate', itemQuantity: '1', itemTotalAmount: { minor: -50, currency: 'SEK' } },
  ] });
  assert.equal(w.totalAmount, { currency: 'SEK', value: '12.50' });
  const rows = (w.invoiceRows as { invoiceRow: { itemTotalAmount: unknown }[] }).invoiceRow;
  assert.equal(rows[1].itemTotalAmount, { currency: 'SEK', value: '-0.50' });
  assert.equal(toWireInvoice({ totalAmount: { minor: 500, currency: 'JPY' } }).totalAmount, { currency: 'JPY', value: '500' });
});

t('invoice keys follow the schema sequence and absent fields are omitted', () => {
  const w = toWireInvoice({
    notificationUrl: 'http://n', cashierId: 'c', totalAmount: { minor: 1, currency: 'SEK' }, title: 't',
    acknowledgmentMode: 'NO_ACKNOWLEDGMENT', paymentMode: 'IMMEDIATE_DEBIT', commitReservationTimeout: 3600,
  });
  assert.equal(Object.keys(w), ['paymentMode', 'acknowledgmentMode', 'title', 'totalAmount', 'cashierId', 'notificationUrl', 'commitReservationTimeout']);
});

t('a response amount with more decimals than the currency allows is an error, never rounded', () => {
  assert.equal(fromWireAmount({ currency: 'SEK', value: '12.5' }, 'x'), { minor: 1250, currency: 'SEK' });
  assert.equal(fromWireAmount({ currency: 'SEK', value: '100.00000' }, 'x'), { minor: 10000, currency: 'SEK' });
  assert.throws(() => fromWireAmount({ currency: 'SEK', value: '12.505' }, 'receipt.invoice.totalAmount'),
    (e: unknown) => e instanceof WireShapeError && e.field === 'receipt.invoice.totalAmount.value' && /more than 2 decimals/.test(e.message));
  assert.throws(() => fromWireAmount({ currency: 'JPY', value: '1.5' }, 'a'), /more than 0 decimals/);
  assert.throws(() => fromWireAmount({ currency: 'SEK', value: '1e3' }, 'a'), /not a decimal/);
  assert.throws(() => fromWireAmount({ currency: 'XXX', value: '1' }, 'a'), /a\.currency.*not a supported currency/);
  assert.throws(() => fromWireAmount({ value: '1' }, 'a'), /a\.currency: is required/);
});

t('payment status: known, unknown and missing statuses; version must be an integer', () => {
  assert.equal(fromWirePaymentStatus({ resultCode: '0', status: 'PAID', version: '3' }).status, 'PAID');
  assert.equal(fromWirePaymentStatus({ resultCode: '0', status: 'EXPIRED', version: '3' }).status, 'EXPIRED');
  const odd = fromWirePaymentStatus({ resultCode: '0', status: 'PARTIALLY_PAID', version: '1' });
  assert.equal([odd.status, odd.rawStatus], ['UNKNOWN', 'PARTIALLY_PAID']);
  assert.throws(() => fromWirePaymentStatus({ status: 'PAID' }), /version: is required/);
  assert.throws(() => fromWirePaymentStatus({ status: 'PAID', version: '2.5' }), /version: must be an integer/);
});

t('tokens come back as a list whether one or many', () => {
  const one = fromWirePaymentStatus({ version: '1', status: 'ISSUED', customerTokens: { token: { id: 'X_CARD', status: '0', value: '42' } } });
  assert.equal(one.customerTokens, [{ id: 'X_CARD', status: 0, value: '42' }]);
  const two = fromWirePaymentStatus({ version: '1', status: 'ISSUED', customerTokens: { token: [{ status: '1' }, { status: '90' }] } });
  assert.equal(two.customerTokens?.map((x) => x.status), [1, 90]);
});

t('a received invoice needs a total and parses its rows', () => {
  const inv = fromWireInvoice({ title: 'T', invoiceRows: { invoiceRow: { itemQuantity: '2', itemTotalAmount: { currency: 'SEK', value: '3' } } }, totalAmount: { currency: 'SEK', value: '3.00' } }, 'receipt.invoice');
  assert.equal(inv?.invoiceRows?.[0].itemTotalAmount, { minor: 300, currency: 'SEK' });
  assert.throws(() => fromWireInvoice({ title: 'T' }, 'receipt.invoice'), /receipt\.invoice\.totalAmount: is required/);
});

t('parameters become parameters/parameter/entry{key,value}', () => {
  assert.equal(toWireParameters({ a: '1', b: '2' }), { parameter: { entry: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] } });
  assert.is(toWireParameters({}), undefined);
});

t('request writer: qualified wrapper, unqualified children, escaped text', () => {
  const x = requestXml('assignSeqrId', { context: { password: 'a<b&c' }, seqrId: 'S1' });
  assert.is(x, '<tns:assignSeqrId xmlns:tns="http://external.interfaces.ers.seamless.com/"><context><password>a&lt;b&amp;c</password></context><seqrId>S1</seqrId></tns:assignSeqrId>');
});

t('context: principal shapes, clientRequestTimeout 0, unique short clientReference', () => {
  const r = clientContext(resellerPrincipal('shop', '9900', 'pw'), { channel: 'WS', clientId: 'pos' });
  assert.equal(r.initiatorPrincipalId, { id: 'shop', type: 'RESELLERUSER', userId: '9900' });
  assert.is(r.clientRequestTimeout, 0);
  assert.equal(Object.keys(r), ['channel', 'clientId', 'clientReference', 'clientRequestTimeout', 'initiatorPrincipalId', 'password']);
  const tc = clientContext(terminalPrincipal('abc', 'pw'), { channel: 'WS', clientId: 'pos' });
  assert.equal(tc.initiatorPrincipalId, { id: 'abc', type: 'TERMINALID' });
  const refs = new Set(Array.from({ length: 1000 }, () => newClientReference()));
  assert.is(refs.size, 1000);
  for (const ref of refs) assert.ok(ref.length <= 32, ref);
});

t.run();
