// The kiosk flows in Swedish and in English at 800×480, each screen checked with axe-core (no
// serious or critical violation, contrast included) and photographed (i18n-<lang>-<screen>.png):
// start → amount → waiting → paid (announced, the paid sound played, ersReference in 5 × 5),
// a second payment that runs out its window → question → cancelled (announced at once, the
// failed sound), a junk scan (brief feedback), a receipt lookup, the PIN screen and every admin
// tab, the refund screen, and the phone page. The keypads are used from a physical keyboard.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { axeProblems } from './a11y.js';
import { phoneOpens, startUiTill, type UiTill } from './harness.js';

const t = suite('kiosk in sv and en: words, axe, keyboard, live regions, sound');

const WORDS = {
  sv: { start: 'Ny Glase-betalning', amount: 'Glase-betalning', wait: 'Väntar på kunden', paid: 'Betalt med Glase', paidSay: 'Betalt med Glase: 12,50 kr.', question: 'Vänta längre?', cancelled: 'Betalningen avbröts', total: '12,50', junk: 'Ingen Glase-kod', pin: 'Skriv admin-PIN', status: 'Enhets- och serverstatus', money: '12,50 kr', lookup: 'Kvittot hittades', refund: 'Glase-återbetalning' },
  en: { start: 'New Glase payment', amount: 'Glase payment', wait: 'Waiting for the customer', paid: 'Paid with Glase', paidSay: 'Paid with Glase: 12.50 SEK.', question: 'Keep waiting?', cancelled: 'Payment cancelled', total: '12.50', junk: 'Not a Glase code', pin: 'Enter the admin PIN', status: 'Device and server status', money: '12.50 SEK', lookup: 'Receipt found', refund: 'Glase refund' },
} as const;

const text = async (p: Page, sel: string) => ((await p.textContent(sel)) ?? '').replace(/\u00a0/g, ' ').trim();

async function flows(lang: 'sv' | 'en'): Promise<void> {
  const w = WORDS[lang];
  const till: UiTill = await startUiTill({ language: lang, sound: true, windowMs: 6000 });
  const problems: string[] = [];
  const k = till.kiosk;
  const check = async (name: string, page: Page = k) => {
    problems.push(...(await axeProblems(page, `${lang} ${name}`)));
    await till.shot(`i18n-${lang}-${name}`, page);
  };
  try {
    // the audio elements' play() is recorded, not heard
    await k.addInitScript(() => {
      const played: string[] = [];
      (window as unknown as { __played: string[] }).__played = played;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        played.push(this.id);
        return Promise.resolve();
      };
    });
    await k.reload();
    await k.waitForSelector('#glase-btn:not([disabled]), #v-total', { timeout: 15_000 });
    await k.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 10_000 });
    assert.is(await text(k, '#s-start h1.cashier-only'), w.start);
    await k.waitForFunction(() => /Glase/.test(document.querySelector('#status-text')?.textContent ?? '') && !document.querySelector('#status-dot.bad'), null, { timeout: 15_000 });
    await check('start');

    // a physical keyboard: digits and the language's decimal separator, Enter opens the dialog
    await k.keyboard.type(lang === 'sv' ? '12,50' : '12.50');
    assert.is(await text(k, '#v-total'), w.total);
    await k.waitForSelector('#glase-btn:not([disabled])');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-amount:not([hidden])');
    assert.is(await text(k, '#s-amount h1'), w.amount);
    await check('amount');
    // Escape goes back, Enter again, then Enter pays
    await k.keyboard.press('Escape');
    await k.waitForSelector('#s-start:not([hidden])');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-amount:not([hidden])');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-wait:not([hidden])', { timeout: 10_000 });
    await k.waitForFunction((s) => document.querySelector('#wait-title')?.textContent === s, w.wait, { timeout: 10_000 });
    await k.waitForFunction((s) => (document.querySelector('#announce')?.textContent ?? '').includes(s), w.wait, { timeout: 5_000 });
    await check('waiting');

    const glaseId = till.daemon.demo!.glaseId;
    await phoneOpens(till, glaseId);
    await check('phone-bill', till.phone);
    await till.phone.click('#pay');
    await till.phone.waitForSelector('#result[data-status="PAID"]');
    await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
    assert.is(await text(k, '#paid-title'), w.paid);
    assert.is(await text(k, '#paid-amount'), w.money);
    assert.match(await text(k, '#paid-ref'), /^\d{5}( \d{5}){4}$/, 'ersReference in five groups of five');
    await k.waitForFunction((s) => (document.querySelector('#announce')?.textContent ?? '').replace(/\u00a0/g, ' ') === s, w.paidSay, { timeout: 5_000 });
    assert.ok((await k.evaluate(() => (window as unknown as { __played: string[] }).__played)).includes('sound-paid'), 'the paid sound played');
    await k.waitForFunction(() => !!(document.querySelector('#paid-receipt') as HTMLImageElement)?.complete, null, { timeout: 10_000 });
    await check('paid');
    const ers = (await k.getAttribute('#paid-ref', 'data-ers'))!;
    await k.click('#paid-done');
    await k.waitForSelector('#s-start:not([hidden])');

    // a second payment: the window runs out, the question, then cancel
    await k.keyboard.type('5');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-amount:not([hidden])');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-question:not([hidden])', { timeout: 20_000 });
    assert.is(await text(k, '#s-question h1'), w.question);
    await check('question');
    await k.click('#q-cancel');
    await k.waitForSelector('#s-ended:not([hidden])', { timeout: 15_000 });
    assert.is(await text(k, '#ended-title'), w.cancelled);
    await k.waitForFunction((s) => (document.querySelector('#announce-alert')?.textContent ?? '').startsWith(s), w.cancelled, { timeout: 5_000 });
    assert.ok((await k.evaluate(() => (window as unknown as { __played: string[] }).__played)).includes('sound-failed'), 'the failed/cancelled sound played');
    await check('cancelled');
    await k.click('#ended-done');
    await k.waitForSelector('#s-start:not([hidden])');

    // a junk scan: brief feedback on the screen
    await till.daemon.scannerEmulator!.scan('https://example.com/not-glase');
    await k.waitForSelector('#toast:not([hidden])', { timeout: 10_000 });
    assert.is(await text(k, '#toast'), w.junk);
    await k.waitForSelector('#toast', { state: 'hidden', timeout: 10_000 });

    // the receipt lookup, then Refund → PIN (typed on the keyboard) → the refund screen
    await till.daemon.scannerEmulator!.scan(ers);
    await k.waitForSelector('#lookup:not([hidden])', { timeout: 10_000 });
    assert.is(await text(k, '#lk-title'), w.lookup);
    await k.waitForFunction(() => !!(document.querySelector('#lk-receipt') as HTMLImageElement)?.complete, null, { timeout: 10_000 });
    await check('lookup');
    await k.click('#lk-refund');
    await k.waitForSelector('#s-pin:not([hidden])');
    assert.is(await text(k, '#pin-lead'), w.pin);
    await check('pin');
    await k.keyboard.type('1234');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-refund:not([hidden])', { timeout: 10_000 });
    assert.is(await text(k, '#s-refund h1'), w.refund);
    await check('refund');
    await k.keyboard.press('Escape');
    await k.waitForSelector('#s-start:not([hidden])', { timeout: 10_000 });

    // the admin menu: every tab
    await k.click('#admin-btn');
    await k.waitForSelector('#s-pin:not([hidden])');
    await k.keyboard.type('1234');
    await k.keyboard.press('Enter');
    await k.waitForSelector('#s-admin:not([hidden])', { timeout: 10_000 });
    assert.is(await text(k, '#panel-status h2'), w.status);
    await check('admin-status');
    for (const tab of ['register', 'glaseid', 'printer', 'refunds']) {
      await k.click(`#s-admin .tab[data-tab="${tab}"]`);
      await k.waitForSelector(`#panel-${tab}:not([hidden])`);
      if (tab === 'printer') {
        // the last receipt's picture is brought into view at 800×480
        await k.waitForFunction(() => {
          const img = document.querySelector('#admin-receipt') as HTMLImageElement;
          return img.complete && img.naturalHeight > 0 && img.getBoundingClientRect().top < window.innerHeight - 40;
        }, null, { timeout: 10_000 });
      }
      if (tab === 'refunds') await k.waitForSelector('#rfa-doubt li', { timeout: 10_000 });
      await check(`admin-${tab}`);
    }
    // the on-screen keyboard never covers the button it types for
    for (const [input, button] of [['#rfc-password', '#rfc-btn'], ['#rfa-ref', '#rfa-find']]) {
      await k.click(input);
      await k.waitForSelector('#osk:not([hidden])');
      const clear = await k
        .waitForFunction((sel) => document.querySelector(sel)!.getBoundingClientRect().bottom <= document.querySelector('#osk')!.getBoundingClientRect().top + 1, button, { timeout: 5_000 })
        .then(() => true, () => false);
      const [bb, ob] = await Promise.all([k.locator(button).boundingBox(), k.locator('#osk').boundingBox()]);
      assert.ok(clear, `${button} (bottom ${bb && bb.y + bb.height}) is under the keyboard (top ${ob?.y})`);
    }
    await till.shot(`i18n-${lang}-osk`);
    await k.click('#osk [data-value="done"]');
    await k.click('#admin-exit');
    await k.waitForSelector('#s-start:not([hidden])');

    await till.phone.goto(`${till.daemon.phoneUrl}`);
    await check('phone-start', till.phone);
  } finally {
    await till.close();
  }
  assert.equal(problems, [], problems.join('\n'));
}

t('sv: every screen in Swedish, accessible', () => flows('sv'));
t('en: every screen in English, accessible', () => flows('en'));

t.run();
