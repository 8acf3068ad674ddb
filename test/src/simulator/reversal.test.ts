import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, ctl, invoiceXml, send, setup, status } from './helpers.js';

// Time passes on the simulator's injectable clock (`now`), never by sleeping: the reversal
// rule reads only that clock, so each step is exact and the tests do not depend on the load.
const t = suite('simulator: auto-reversal of unacknowledged payments');
const T0 = Date.parse('2026-01-01T10:00:00Z');

t('a PAID invoice nobody queries within reversalMs is reversed: CANCELED, version+1, not refundable', async () => {
  let now = T0;
  const { sim, term, glaseId } = await setup({ reversalMs: 150, now: () => now });
  try {
    const s = await send(sim, term, invoiceXml({ total: '10.00' }));
    const p = await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId });
    const ers = p.json.payment.ersReference;
    now += 400;
    // The control API shows it reversed before any till asks.
    const view = await ctl(sim, 'GET', `/simulator/invoices/${s.invoiceReference}`);
    assert.is(view.json.status, 'CANCELED');
    assert.is(view.json.payment.reversed, true);
    assert.is(view.json.cancelledBy, 'reversal');
    const rev = await ctl(sim, 'GET', '/simulator/reversals');
    assert.equal(rev.json.reversals.map((r: any) => r.ersReference), [ers]);
    const st = await status(sim, term, s.invoiceReference);
    assert.is(st.status, 'CANCELED');
    assert.is(st.version, '2');
    assert.is(st.ersReference, undefined);
    const refund = await call(sim, 'refundPayment', term, `<ersReference>${ers}</ersReference>${invoiceXml({ total: '1.00' })}`);
    assert.is(refund.resultCode, '23');
    assert.is((await call(sim, 'submitPaymentReceipt', term, `<ersReference>${ers}</ersReference>`)).resultCode, '23');
  } finally {
    await sim.close();
  }
});

t('polling within the window acknowledges the payment: it is never reversed', async () => {
  let now = T0;
  const { sim, term, glaseId } = await setup({ reversalMs: 200, now: () => now });
  try {
    const s = await send(sim, term);
    await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId });
    now += 100;
    assert.is((await status(sim, term, s.invoiceReference)).status, 'PAID');
    now += 400;
    const st = await status(sim, term, s.invoiceReference);
    assert.is(st.status, 'PAID');
    assert.is(st.version, '1');
    assert.equal((await ctl(sim, 'GET', '/simulator/reversals')).json.reversals, []);
    assert.is((await ctl(sim, 'GET', `/simulator/invoices/${s.invoiceReference}`)).json.payment.acknowledged, true);
  } finally {
    await sim.close();
  }
});

t('reversal is evaluated lazily on the injected clock, exactly at reversalMs', async () => {
  let now = T0;
  const { sim, term, glaseId } = await setup({ reversalMs: 20_000, now: () => now });
  try {
    const s = await send(sim, term);
    await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId });
    now += 19_999;
    assert.is((await ctl(sim, 'GET', `/simulator/invoices/${s.invoiceReference}`)).json.status, 'PAID');
    now += 1;
    const st = await status(sim, term, s.invoiceReference);
    assert.is(st.status, 'CANCELED');
  } finally {
    await sim.close();
  }
});

t.run();
