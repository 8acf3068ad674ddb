import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../../src/simulator/index.js';
import { call, ctl, invoiceXml, paid, send, setup, status } from './helpers.js';

const t = suite('simulator: state survives a restart with the same db file');
const dir = mkdtempSync(join(tmpdir(), 'glase-sim-'));
t.after(() => rmSync(dir, { recursive: true, force: true }));

t('terminals, Glase IDs, invoices, payments and refunds are kept', async () => {
  const dbFile = join(dir, 'sim.db');
  const first = await setup({ dbFile }, 'KEEP1');
  const p = await paid(first.sim, first.term, 'KEEP1', '30.00');
  const rf = await call(first.sim, 'refundPayment', first.term, `<ersReference>${p.ers}</ersReference>${invoiceXml({ total: '10.00' })}`);
  const open = await send(first.sim, first.term, invoiceXml({ total: '4.00' }));
  await first.sim.close();

  const sim = await startSimulator({ dbFile });
  try {
    const st = await status(sim, first.term, p.ref);
    assert.is(st.resultCode, '0'); // the terminal and its password are known
    assert.is(st.status, 'PAID');
    assert.is(st.ersReference, p.ers);
    assert.is((await status(sim, first.term, open.invoiceReference)).status, 'ISSUED');
    assert.is((await ctl(sim, 'GET', '/simulator/invoices?glaseId=KEEP1')).json.reference, open.invoiceReference);
    // Refund bookkeeping survived: 20.00 left of 30.00.
    const over = await call(sim, 'refundPayment', first.term, `<ersReference>${p.ers}</ersReference>${invoiceXml({ total: '20.01' })}`);
    assert.is(over.resultCode, '98');
    const ok = await call(sim, 'refundPayment', first.term, `<ersReference>${p.ers}</ersReference>${invoiceXml({ total: '20.00' })}`);
    assert.is(ok.resultCode, '0');
    assert.is.not(ok.ersReference, rf.ersReference); // references never repeat after a restart
    const next = await send(sim, first.term, invoiceXml({ total: '1.00' }));
    assert.ok(BigInt(next.invoiceReference) > BigInt(open.invoiceReference));
    assert.is((await status(sim, first.term, open.invoiceReference)).status, 'CANCELED');
  } finally {
    await sim.close();
  }
});

t.run();
