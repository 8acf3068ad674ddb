// Hostile request bodies against the whole till (issue 9): amounts beyond the currency's
// largest amount, rows whose float sum would round into balance, and control characters in
// text that goes to Glase (raw in the request XML they made a strict server fault, and the
// faulted sendInvoice left an orphan that refused every later payment).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { adminSession, client, startTestTill, until, type TestTill } from './_till.js';

const t = suite('API: hostile bodies');
let till: TestTill;
let call: ReturnType<typeof client>;
const M = Number.MAX_SAFE_INTEGER;
const L = 100_000_000; // 1 000 000.00 SEK, the largest amount
const rows = (amounts: number[]) => amounts.map((amount, i) => ({ description: `row ${i + 1}`, amount }));

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('rows [M, M, 3, -M, -M] (M = 2^53-1) for an amount of 1: refused, no payment starts', async () => {
  // as floats M + M + 3 - M - M is 1: the rows "balanced" and the invoice went out
  const p = await call('POST', '/api/payments', { amount: 1, rows: rows([M, M, 3, -M, -M]) });
  assert.is(p.status, 400, JSON.stringify(p.json));
  assert.equal(p.json.error, { field: 'rows.0.amount', rule: 'must be at most 100000000 minor units (1000000.00 SEK)', message: 'rows.0.amount: must be at most 100000000 minor units (1000000.00 SEK)' });
  assert.is((await call('GET', '/api/payments/current')).status, 404, 'no payment started');
  const neg = await call('POST', '/api/payments', { amount: 1, rows: rows([1, -M]) });
  assert.equal([neg.status, neg.json.error.field, neg.json.error.rule], [400, 'rows.1.amount', 'must be at least -100000000 minor units (1000000.00 SEK)']);
});

t('the amount and the tender are bounded by the largest amount too', async () => {
  const big = await call('POST', '/api/payments', { amount: L + 1 });
  assert.equal([big.status, big.json.error.field], [400, 'amount']);
  const tender = await call('POST', '/api/payments', { amount: 5, tender: { receiptTotal: M, alreadyPaid: M - 5 } });
  assert.equal([tender.status, tender.json.error.field], [400, 'tender.receiptTotal']);
});

t('within the bound the sum is exact: one minor unit off is refused by the rows-sum rule', async () => {
  const off = await call('POST', '/api/payments', { amount: 2, rows: rows([L, L, 3, -L, -L]) });
  assert.equal([off.status, off.json.error.rule], [409, 'rows-sum'], JSON.stringify(off.json));
  assert.match(off.json.error.message, /rows sum to 3 but the amount is 2/);
});

t('PUT /api/receipt: the same attack and the exact sum', async () => {
  const attack = await call('PUT', '/api/receipt', { total: 1, rows: rows([M, M, 3, -M, -M]) });
  assert.equal([attack.status, attack.json.error.field], [400, 'rows.0.amount'], JSON.stringify(attack.json));
  const off = await call('PUT', '/api/receipt', { total: 2, rows: rows([L, L, 3, -L, -L]) });
  assert.equal([off.status, off.json.error.field, off.json.error.rule], [400, 'rows', 'must sum to total (2); they sum to 3']);
  assert.is((await call('GET', '/api/receipt')).status, 404, 'nothing stored');
  const ok = await call('PUT', '/api/receipt', { total: 3, rows: rows([L, L, 3, -L, -L]) });
  assert.is(ok.status, 200, JSON.stringify(ok.json));
  assert.is((await call('DELETE', '/api/receipt')).status, 204);
});

const RULE = 'must not contain control characters (U+0000-U+001F, U+007F-U+009F) or non-characters';

t('control characters in title, cashierId, row descriptions: 400 naming the field, nothing sent', async () => {
  const cases: Array<[unknown, string, string]> = [
    [{ amount: 100, title: 'Fika\u0000' }, 'title', `${RULE} (U+0000 at character 5)`],
    [{ amount: 100, cashierId: 'an\u001bna' }, 'cashierId', `${RULE} (U+001B at character 3)`],
    [{ amount: 100, rows: [{ description: 'Kaffe\u0007\u0008', amount: 100 }] }, 'rows.0.description', `${RULE} (U+0007 at character 6)`],
    [{ amount: 100, rows: [{ description: 'ok', amount: 50 }, { description: 'a\nb', amount: 50 }] }, 'rows.1.description', `${RULE} (U+000A at character 2)`],
    [{ amount: 100, title: 'x\u007fy' }, 'title', `${RULE} (U+007F at character 2)`],
    [{ amount: 100, title: 'x\ud800y' }, 'title', `${RULE} (U+D800 at character 2)`],
  ];
  for (const [body, field, rule] of cases) {
    const r = await call('POST', '/api/payments', body);
    assert.equal([r.status, r.json.error?.field, r.json.error?.rule], [400, field, rule], JSON.stringify(body));
  }
  const receipt = await call('PUT', '/api/receipt', { total: 100, title: 'T\u0001', cashierId: 'c' });
  const admin = await adminSession(call);
  const refund = await call('POST', '/api/refunds', { ersReference: '1'.repeat(25), amount: 100, reason: 'wrong\u0007' }, admin);
  assert.equal([refund.status, refund.json.error?.field], [400, 'reason'], JSON.stringify(refund.json));
  assert.equal([receipt.status, receipt.json.error.field], [400, 'title']);
  assert.is((await call('GET', '/api/payments/current')).status, 404, 'no payment started');
  // printable text of any script still goes through (and the till is not wedged)
  const ok = await call('POST', '/api/payments', { amount: 100, title: 'Fika & bulle – åäö €', cashierId: 'anna', rows: [{ description: 'Kaffe <stor>', amount: 100 }] });
  assert.is(ok.status, 201, JSON.stringify(ok.json));
  await call('POST', `/api/payments/${ok.json.paymentId}/cancel`);
  await until(async () => (await call('GET', `/api/payments/${ok.json.paymentId}`)).json.final, 10_000, 'cancelled');
});

t.run();
