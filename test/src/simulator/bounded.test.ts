// Issue 11 §4: the simulator keeps settled invoices in SQLite, not in memory, and deletes what
// is older than its keep time; what is still in play (open, paid and not yet acknowledged)
// stays in memory and is never pruned, and a settled invoice still answers getPaymentStatus.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimStore } from '../../../src/simulator/store.js';
import { invoiceXml, paid, send, setup, status } from './helpers.js';

const t = suite('simulator: bounded state');
const dir = mkdtempSync(join(tmpdir(), 'glase-sim-bounded-'));
t.after(() => rmSync(dir, { recursive: true, force: true }));

t('settled invoices leave memory but still answer; prune deletes old settled ones, never one in play', async () => {
  const dbFile = join(dir, 'sim.db');
  const { sim, term } = await setup({ dbFile }, 'BOUND1');
  const settled: Array<{ ref: string; ers: string }> = [];
  for (let i = 0; i < 5; i++) settled.push(await paid(sim, term, 'BOUND1', '1.00'));
  const open = await send(sim, term, invoiceXml({ total: '2.00' }));
  // a settled invoice is read from SQLite
  const st = await status(sim, term, settled[0].ref);
  assert.is(st.status, 'PAID');
  assert.is(st.ersReference, settled[0].ers);
  await sim.close();

  const store = new SimStore(dbFile);
  try {
    assert.equal([...store.invoices.keys()], [open.invoiceReference], 'only the open invoice is held in memory');
    assert.is(store.invoice(settled[2].ref)?.payment?.ersReference, settled[2].ers);
    assert.is(store.invoiceOfPayment(settled[3].ers), settled[3].ref);
    const pruned = store.prune(Date.now() + 1000);
    assert.ok(pruned >= 5, `pruned ${pruned}`);
    assert.is(store.invoice(settled[0].ref), undefined, 'old settled invoices are gone');
    assert.ok(store.invoice(open.invoiceReference), 'the open invoice is never pruned');
    assert.is([...store.allInvoices()].length, 1);
  } finally {
    store.close();
  }
});

t.run();
