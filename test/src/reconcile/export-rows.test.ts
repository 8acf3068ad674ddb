// The export's rows and CSV: date range by local date, kind by sign, Z numbers, CSV quoting and
// no spreadsheet formulas from a cashier id.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exportRows, toCsv } from '../../../src/reconcile/export-rows.js';

const t = suite('export rows');
const P = (ers: string, amount: number, timestamp: string, cashierId?: string) => ({ ersReference: ers, amount, currency: 'SEK', description: amount < 0 ? 'Glase refund' : 'Glase payment', timestamp, ...(cashierId ? { cashierId } : {}) });

t('range, order, kind, Z number; CSV quotes and defuses formulas', () => {
  const posts = [P('2', -400, '2026-11-29T15:00:00Z', '=cmd,"x"'), P('1', 1250, '2026-11-29T09:00:00Z', 'anna'), P('3', 100, '2026-11-30T09:00:00Z')];
  const rows = exportRows(posts, (e) => (e === '1' ? 7 : undefined), '2026-11-29', '2026-11-29', 'UTC');
  assert.equal(rows.map((r) => [r.ersReference, r.kind, r.amountText, r.zNumber]), [['1', 'payment', '12.50', 7], ['2', 'refund', '-4.00', null]]);
  const csv = toCsv(rows).split('\r\n');
  assert.ok(csv[2].includes(`"'=cmd,""x"""`), csv[2]);
  assert.ok(csv[1].endsWith(',anna,,7'));
});

t.run();
