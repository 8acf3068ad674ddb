// The post lookup by ersReference has one owner, src/store/receipt-lookup.ts: findReceipt for a
// receipt, isBooked for "is this reference booked here". The unknown-refund check and the day
// close each had their own copy of isBooked; the API, the scanner and reprint had three of findReceipt.
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT, sourceFiles } from '../../fakes/source-files.js';
import { openStore } from '../../../src/store/store.js';
import { findReceipt, isBooked } from '../../../src/store/receipt-lookup.js';
import { tempDir } from '../../fakes/till-harness.js';

const t = suite('receipt lookup: one owner');
const root = REPO_ROOT;

t('outside src/store/ nothing looks a post up by ersReference itself', () => {
  const direct = sourceFiles(join(root, 'src'))
    .filter((f) => !relative(root, f).startsWith('src/store/'))
    .filter((f) => /\.(posts|printQueue)\.byErsReference\(/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
  assert.equal(direct, [], 'ask findReceipt or isBooked (src/store/receipt-lookup.ts)');
});

t("isBooked: a payment's post, a refund's reference; not an unknown one", () => {
  const dir = tempDir();
  const store = openStore(dir);
  try {
    const paid = '2026120110000500000000001';
    const refunded = '2026120110000500000000002';
    store.posts.insert('p1', { ersReference: paid, amount: 1250, currency: 'SEK', description: 'Glase payment', timestamp: '2026-12-01T10:00:05Z', clientInvoiceId: 'p1', invoiceReference: '1', terminalId: 't' } as never);
    store.refunds.create({ refundId: 'r1', originalErsReference: paid, amount: 100, currency: 'SEK', at: '2026-12-01T10:01:00Z', snapshot: {} });
    store.refunds.save('r1', { state: 'done', snapshot: {}, finished: true, at: '2026-12-01T10:01:01Z', refundErsReference: refunded });
    assert.ok(isBooked(store, paid));
    assert.ok(isBooked(store, refunded));
    assert.not.ok(isBooked(store, '2026120110000500000000003'));
    assert.is(findReceipt(store, paid)?.post.ersReference, paid);
    assert.is(findReceipt(store, '2026120110000500000000003'), undefined);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
