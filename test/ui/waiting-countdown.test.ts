// The waiting screen shows the seconds left in the 30-s window, counted to the till's own
// deadline (issue 10 §3): it counts down, and a reloaded screen goes on from what is left at
// the till instead of starting again at 30. Headless Chromium at 800×480, with a screenshot.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { typeKeys, type UiTill, startReadyDemoTill } from './harness.js';

const t = suite('kiosk screen: seconds left in the window');
let till: UiTill;

t.before(async () => {
  till = await startReadyDemoTill();
});
t.after(async () => {
  await till?.close();
});

const seconds = async () => {
  const text = (await till.kiosk.textContent('#wait-seconds')) ?? '';
  const m = /^(\d+) s left in this window$/.exec(text);
  assert.ok(m, `countdown text: ${JSON.stringify(text)}`);
  return Number(m![1]);
};

t('counts down from 30 and survives a reload without starting again', async () => {
  const k = till.kiosk;
  await typeKeys(k, 'kp-start', '15');
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForSelector('#s-wait:not([hidden])');
  await k.waitForSelector('#wait-seconds:not([hidden])', { timeout: 10_000 });
  const first = await seconds();
  assert.ok(first <= 30 && first >= 25, String(first));
  await till.shot('waiting-countdown');
  await k.waitForFunction((n) => /^(\d+) s/.test(document.querySelector('#wait-seconds')!.textContent!) && Number(/^(\d+)/.exec(document.querySelector('#wait-seconds')!.textContent!)![1]) <= n - 3, first, { timeout: 15_000 });
  const before = await seconds();
  const api = await k.evaluate(async () => (await (await fetch('/api/payments/current')).json()).windowLeftMs as number);
  assert.ok(Math.abs(Math.ceil(api / 1000) - before) <= 2, `screen ${before} s, till ${api} ms`);
  await k.reload();
  await k.waitForSelector('#wait-seconds:not([hidden])', { timeout: 10_000 });
  const after = await seconds();
  assert.ok(after <= before, `after the reload ${after} s, before it ${before} s: the till's deadline, not a new 30`);
  await k.click('#wait-cancel');
  await k.waitForSelector('#s-ended:not([hidden])', { timeout: 20_000 });
  assert.ok(await k.isHidden('#wait-seconds') || !(await k.isVisible('#s-wait')));
});

t.run();
