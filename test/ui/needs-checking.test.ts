// "Paid — needs checking" on the kiosk screen (issue 10 known gap), end to end at 800×480: the
// customer pays, and Glase (the simulator) gives the payment an ersReference this till already
// booked for another post. The screen shows the ending "Paid — needs checking" with the reason,
// not "Paid with Glase", and no receipt is printed under the other post's reference.
// The other post is booked ahead under each reference the simulator can give the next payment
// (its references are the UTC second + its own sequence, facts §6.1).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../src/store/store.js';
import { type UiTill, startReadyDemoTill, customerPays } from './harness.js';

const t = suite('kiosk screen: paid, needs checking');
let till: UiTill;

t.before(async () => {
  till = await startReadyDemoTill();
});
t.after(async () => {
  await till?.close();
});

const pay = (amount: string) => customerPays(till, amount);

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);

t('a reference already booked: the ending says so, nothing is printed under it', async () => {
  const k = till.kiosk;
  await pay('10');
  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  const first = (await k.getAttribute('#paid-ref', 'data-ers'))!;
  assert.match(first, /^\d{25}$/);
  await k.click('#paid-done');
  await k.waitForSelector('#s-start:not([hidden])');

  // another post on this till holds every reference the next payment can get in the next minute
  const next = String(Number(first.slice(14)) + 1).padStart(11, '0');
  const store = openStore(till.daemon.config.dataDir);
  const booked: string[] = [];
  try {
    for (let s = -2; s <= 60; s++) {
      const ref = stamp(Date.now() + s * 1000) + next;
      if (booked.includes(ref)) continue;
      booked.push(ref);
      store.posts.insert(`other-${s}`, { ersReference: ref, amount: 100, currency: 'SEK', description: 'Glase payment', timestamp: new Date().toISOString(), clientInvoiceId: `OTHER-${s}`, invoiceReference: '20261201000000999' });
    }
  } finally {
    store.close();
  }

  await pay('25');
  await k.waitForSelector('#s-ended:not([hidden])', { timeout: 20_000 });
  assert.is(await k.textContent('#ended-title'), 'Paid — needs checking');
  assert.is(await k.textContent('#ended-amount'), '25.00 SEK');
  assert.match((await k.textContent('#ended-reason')) ?? '', /^Paid, needs checking: Glase gave this payment the payment reference of another payment on this till/);
  await till.shot('needs-checking');
  const status = await k.evaluate(async () => (await (await fetch('/api/status')).json()).needsChecking as Array<{ ersReference: string; amount: number }>);
  assert.is(status.length, 1);
  assert.ok(booked.includes(status[0]!.ersReference), 'Glase gave it a reference booked for another post');
  assert.is(status[0]!.amount, 2500);
  const docs = till.daemon.printerEmulator!.documents;
  assert.not.ok(docs.some((d: { text: string }) => d.text.includes(status[0]!.ersReference)), 'no receipt under the other post\'s reference');
  await k.click('#ended-done');
  await k.waitForSelector('#s-start:not([hidden])');
});

t.run();
