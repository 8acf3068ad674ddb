// The customer's phone page (the simulator's /phone) in the phone's language: a Glase ID typed
// in any letter case with spaces finds the till; a bill the till cancels, or that is paid on
// another phone, says so instead of "No bill yet"; axe finds no serious or critical problem.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axeProblems } from './a11y.js';
import { startUiTill, type UiTill } from './harness.js';

const t = suite('phone page');
let till: UiTill;

const api = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(till.daemon.apiUrl + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, json: (await r.json().catch(() => undefined)) as any };
};
const ready = async () => {
  for (let i = 0; i < 200 && !(await api('GET', '/api/readiness')).json.ready; i++) await new Promise((r) => setTimeout(r, 50));
};

t.before(async () => {
  till = await startUiTill();
  await ready();
});
t.after(async () => till.close());

t('sv: a Glase ID in any case with spaces finds the bill; a cancelled bill says so', async () => {
  const p = till.phone;
  const id = till.daemon.demo!.glaseId;
  const pay = await api('POST', '/api/payments', { amount: 123450 });
  assert.is(pay.status, 201, JSON.stringify(pay.json));
  await p.goto(`${till.daemon.phoneUrl}?lang=sv&glaseId=${encodeURIComponent(`  ${id.toLowerCase()} `)}`);
  await p.waitForSelector('#invoice', { timeout: 10_000 });
  assert.is(await p.inputValue('#glase-id'), id, 'the till\'s own Glase ID');
  assert.is((await p.textContent('#total'))?.replace(/\u00a0/g, ' '), '1 234,50 kr');
  assert.is(await p.getAttribute('html', 'lang'), 'sv');
  const problems = await axeProblems(p, 'phone bill sv');
  await till.shot('phone-sv-bill', p);

  assert.is((await api('POST', `/api/payments/${pay.json.paymentId}/cancel`, {})).status < 300, true);
  await p.waitForSelector('#gone[data-status="CANCELED"]', { timeout: 15_000 });
  assert.match((await p.textContent('#gone h2')) ?? '', /Notan avbröts/);
  problems.push(...(await axeProblems(p, 'phone cancelled sv')));
  await till.shot('phone-sv-cancelled', p);
  assert.equal(problems, []);
});

t('en: a bill paid on another phone says so', async () => {
  const p = till.phone;
  const id = till.daemon.demo!.glaseId;
  await ready();
  const pay = await api('POST', '/api/payments', { amount: 700 });
  assert.is(pay.status, 201, JSON.stringify(pay.json));
  await p.goto(`${till.daemon.phoneUrl}?lang=en&glaseId=${id}`);
  await p.waitForSelector('#invoice', { timeout: 10_000 });
  // another phone pays it
  const other = await fetch(`${till.daemon.simulatorUrl}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: id }) });
  assert.is(other.status, 200);
  await p.waitForSelector('#gone[data-status="PAID"]', { timeout: 15_000 });
  assert.is(await p.textContent('#gone h2'), 'Paid elsewhere');
  assert.equal(await axeProblems(p, 'phone paid elsewhere en'), []);
});

t.run();
