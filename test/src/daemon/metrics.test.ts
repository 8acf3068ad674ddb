// GET /metrics and the admin health ticket on a whole till (embedded simulator, virtual
// printer): a paid payment shows up by outcome, in the detection histogram and in the Glase
// call counts; the ticket is printed on the (emulated) printer.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { adminSession, client, startTestTill, type TestTill } from '../api/_till.js';

const t = suite('daemon: /metrics and the health ticket');
let till: TestTill;
let call: ReturnType<typeof client>;

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' }, api: { token: 'metrics-test-token' } });
  call = client(till.apiUrl, { authorization: 'Bearer metrics-test-token' });
  // a loaded machine may take a while for the first printer status and Glase probe
  for (let i = 0; i < 300 && !(await call('GET', '/api/readiness')).json.ready; i++) await new Promise((r) => setTimeout(r, 100));
});
t.after(() => till.close());

const metric = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

t('a paid payment: payments by outcome, detection latency, Glase calls by operation and result', async () => {
  const started = await call('POST', '/api/payments', { amount: 1500 });
  assert.is(started.status, 201, JSON.stringify(started.json));
  const id = started.json.paymentId;
  for (let i = 0; i < 100; i++) {
    if ((await call('GET', `/api/payments/${id}`)).json.invoiceReference) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const paid = await fetch(`${till.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: 'GLASEDEMO1' }) });
  assert.is(paid.status, 200);
  let p;
  for (let i = 0; i < 100 && !p?.final; i++) {
    await new Promise((r) => setTimeout(r, 100));
    p = (await call('GET', `/api/payments/${id}`)).json;
  }
  assert.is(p.outcome, 'completed');

  const res = await fetch(`${till.apiUrl}/metrics`); // loopback: no token needed
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.is(metric(text, 'glase_pos_payments_total{outcome="completed"}'), 1);
  assert.is(metric(text, 'glase_pos_payment_detection_seconds_count'), 1);
  const detected = metric(text, 'glase_pos_payment_detection_seconds_sum')!;
  assert.ok(detected >= 0 && detected < 5, `detection ${detected} s`);
  assert.ok(metric(text, 'glase_pos_glase_calls_total{operation="sendInvoice",result="0"}')! >= 1);
  assert.ok(metric(text, 'glase_pos_glase_calls_total{operation="getPaymentStatus",result="0"}')! >= 1);
  assert.is(metric(text, 'glase_pos_unfinished_payments'), 0);
  assert.is(metric(text, 'glase_pos_printer_ready{kind="virtual",reason=""}'), 1);
  assert.ok(metric(text, 'glase_pos_print_queue_depth')! >= 0);
  assert.ok(metric(text, 'process_resident_memory_bytes')! > 10e6);
  assert.ok(metric(text, 'glase_pos_uptime_seconds')! >= 0);
  assert.match(text, /^glase_pos_build_info\{version="\d+\.\d+\.\d+",node="v\d+/m);
});

t('the health ticket is printed and returned: version, uptime, IP, Glase, devices, free space, no Z yet', async () => {
  // the paid payment's receipt prints after the payment ends: wait until the printer has it
  // out and is idle, or the ticket shows the printer busy and the receipt is taken for it
  for (let i = 0; i < 300; i++) {
    const text = await (await fetch(`${till.apiUrl}/metrics`)).text();
    if (metric(text, 'glase_pos_print_queue_depth') === 0 && metric(text, 'glase_pos_printer_ready{kind="virtual",reason=""}') === 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const before = till.printerEmulator!.documents.length;
  const r = await call('POST', '/api/admin/health-ticket', {}, await adminSession(call));
  assert.is(r.status, 200, JSON.stringify(r.json));
  const facts = Object.fromEntries(r.json.facts.map((f: { label: string; value: string }) => [f.label, f.value]));
  assert.match(facts.Version, /^glase-pos \d+\.\d+\.\d+, Node v\d+/);
  assert.match(facts['Till up'], /\d+h \d+m/);
  assert.ok(facts.IP);
  assert.match(facts.Glase, /^reachable \(\d+ ms\)$/);
  assert.match(facts.Printer, /^virtual: ready$/);
  assert.match(facts.Scanner, /^none: /);
  assert.match(facts['Free space'], /^\d+ MB of \d+ MB$/);
  assert.match(facts['Last Z'], /^none yet \(no day close\)$/);
  assert.is(r.json.printed, true);
  // the ticket is the document that says so (nothing else may be printed in between)
  let docs = (await till.printerEmulator!.waitForDocuments(before + 1, 30_000)).slice(before);
  for (let n = before + 2; !docs.some((d) => /HEALTH TICKET/.test(d.text)) && n < before + 5; n++) docs = (await till.printerEmulator!.waitForDocuments(n, 30_000)).slice(before);
  const doc = docs.find((d) => /HEALTH TICKET/.test(d.text));
  assert.ok(doc, `no health ticket among ${docs.length} new documents`);
  assert.match(doc!.text, /Free space/);
});

t.run();
