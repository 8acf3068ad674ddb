import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { resellerPrincipal, terminalPrincipal } from '../../../src/glase/context.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { ctl, RESELLER } from './helpers.js';

// Our typed client against the simulator: the whole till flow, end to end over loopback.
const t = suite('simulator + typed client: till flow');
let sim: Simulator;
let client: GlaseClient;
const sek = (minor: number) => ({ minor, currency: 'SEK' });

t.before(async () => {
  sim = await startSimulator({ reportDelayMs: 0 });
  await ctl(sim, 'POST', '/simulator/resellers', RESELLER);
  client = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 5000 });
});
t.after(async () => {
  await client.close();
  await sim.close();
});

t('register → assign → sendInvoice → pay → PAID → receipt → refund → cancel codes → report', async () => {
  const shop = resellerPrincipal(RESELLER.resellerId, RESELLER.userId, RESELLER.password);
  const reg = await client.registerTerminal(shop, { externalTerminalId: 'till 1', password: 'client-pass-1', name: 'Till 1' });
  assert.ok(reg.ok);
  if (!reg.ok) return;
  const term = terminalPrincipal(reg.terminalId, 'client-pass-1');
  assert.ok((await client.assignSeqrId(term, 'CLIENT1')).ok);
  const inv = await client.sendInvoice(term, {
    paymentMode: 'IMMEDIATE_DEBIT',
    acknowledgmentMode: 'NO_ACKNOWLEDGMENT',
    title: 'Coffee',
    clientInvoiceId: 'c-1',
    invoiceRows: [
      { itemDescription: 'Coffee', itemQuantity: '2', itemTotalAmount: sek(5000) },
      { itemDescription: 'Discount', itemQuantity: '1', itemTotalAmount: sek(-1050) },
    ],
    totalAmount: sek(3950),
    cashierId: 'anna',
  });
  assert.ok(inv.ok);
  if (!inv.ok) return;
  const issued = await client.getPaymentStatus(term, inv.invoiceReference, 0);
  assert.ok(issued.ok && issued.status === 'ISSUED');
  assert.is((await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId: 'CLIENT1' })).status, 200);
  const st = await client.getPaymentStatus(term, inv.invoiceReference, 0);
  assert.ok(st.ok);
  if (!st.ok) return;
  assert.is(st.status, 'PAID');
  assert.is(st.version, 1);
  assert.match(st.ersReference ?? '', /^\d{25}$/);
  assert.is(st.receipt?.paymentReference, st.ersReference);
  assert.equal(st.receipt?.invoice?.totalAmount, sek(3950));
  const cancelPaid = await client.cancelInvoice(term, inv.invoiceReference);
  assert.equal([cancelPaid.ok, cancelPaid.code], [false, 50]);
  assert.ok((await client.submitPaymentReceipt(term, st.ersReference!, { mimeType: 'text/plain', receiptData: '', receiptType: 'PAYMENT_RECEIPT' })).ok);
  const rf = await client.refundPayment(term, st.ersReference!, { title: 'Refund', totalAmount: sek(1000) });
  assert.ok(rf.ok);
  const over = await client.refundPayment(term, st.ersReference!, { title: 'Refund', totalAmount: sek(3000) });
  assert.equal([over.ok, over.code], [false, 98]);
  const mark = await client.markTransactionPeriod(shop);
  assert.ok(mark.ok);
  if (!mark.ok) return;
  const rep = await client.executeReport(shop, 'Reconciliation/Shop.xml', 'en', { transactionPeriodId: mark.transactionPeriodId });
  assert.ok(rep.ok);
  if (rep.ok) assert.match(rep.report?.contentString ?? '', /<SalesCount>2<\/SalesCount><SalesTotal>29.50000<\/SalesTotal>/);
  assert.equal((await ctl(sim, 'GET', '/simulator/reversals')).json.reversals, []);
});

t.run();
