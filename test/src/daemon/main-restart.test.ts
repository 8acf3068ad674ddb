// A payment in flight when the daemon stops stays in the store; the next start (same data
// dir, same simulator state file) resumes it before the API answers, and it completes and
// prints once. Also: a new SSE client first gets the current state, payment included.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, sse, startTestTill, until } from '../api/_till.js';

const t = suite('daemon restart with a payment in flight');
let dir: string;
t.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-restart-'));
});
t.after(() => rmSync(dir, { recursive: true, force: true }));

t('stop mid-payment, start again: resumed, reported first on SSE, paid, printed once', async () => {
  const cfg = { payment: { pollIntervalMs: 200 }, scanner: { kind: 'none' as const } };
  const a = await startTestTill(cfg, { dir });
  const callA = client(a.apiUrl);
  await until(async () => (await callA('GET', '/api/readiness')).json.ready, 10_000, 'ready');
  const p = await callA('POST', '/api/payments', { amount: 1999 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await until(async () => (await callA('GET', `/api/payments/${id}`)).json.invoiceReference, 5000, 'invoice sent');
  await a.stop();
  assert.is(a.store.db.open, false, 'the database was closed');

  const b = await startTestTill(cfg, { dir });
  try {
    const callB = client(b.apiUrl);
    const cur = await callB('GET', '/api/payments/current');
    assert.is(cur.status, 200);
    assert.is(cur.json.paymentId, id);
    const events = await sse(b.apiUrl + '/api/events');
    const first = await events.waitFor(() => true);
    assert.is(first.event, 'setup');
    const resumed = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id);
    assert.is(resumed.data.final, false);
    const paid = await fetch(`${b.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: b.demo!.glaseId }) });
    assert.is(paid.status, 200);
    const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final, 10_000);
    assert.is(done.data.outcome, 'completed');
    const docs = await b.printerEmulator!.waitForDocuments(1);
    assert.match(docs[0].text, new RegExp(done.data.ersReference));
    events.close();
  } finally {
    await b.close();
  }
});

t.run();
