// Browser tests' set-up: a full till in-process (startDaemon: embedded simulator, virtual
// printer and scanner, real API on an ephemeral port, temp data dir) and Debian's chromium
// driven by playwright-core. Never downloads a browser.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/lib/log.js';
import { startDaemon, type DaemonHandle } from '../../src/daemon/main.js';

export const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface UiTill {
  daemon: DaemonHandle;
  browser: Browser;
  /** the kiosk screen, 800×480 */
  kiosk: Page;
  /** the customer's phone page on the simulator */
  phone: Page;
  shot(name: string, page?: Page): Promise<void>;
  /** stops the till and starts it again on the same API port and data dir (a daemon restart) */
  restart(opts?: { token?: string }): Promise<void>;
  close(): Promise<void>;
}

export interface UiTillOptions {
  demo?: boolean;
  windowMs?: number;
  mode?: 'cashier' | 'unattended';
  autoCancelWindows?: number;
  /** api.token: a host POS calls the API with it as a bearer token */
  token?: string;
  /** ui.language: the shop's language */
  language?: 'sv' | 'en';
  /** ui.sound, ui.confirmAmount */
  sound?: boolean;
  confirmAmount?: boolean;
}

export async function startUiTill(o: UiTillOptions = {}): Promise<UiTill> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glase-ui-'));
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      log: { level: 'error' },
      api: { port: 0, mode: o.mode ?? 'cashier', ...(o.token ? { token: o.token } : {}) },
      simulator: { port: 0, reversalMs: 20_000 },
      payment: { windowMs: o.windowMs ?? 30_000, ...(o.autoCancelWindows ? { autoCancelWindows: o.autoCancelWindows } : {}) },
      scanner: { debounceMs: 0 },
      ui: { ...(o.language ? { language: o.language } : {}), ...(o.sound !== undefined ? { sound: o.sound } : {}), ...(o.confirmAmount !== undefined ? { confirmAmount: o.confirmAmount } : {}) },
    },
  });
  const daemon = await startDaemon(config, { demo: o.demo ?? true, log: silentLogger, notify: false, say: () => {} });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const kiosk = await browser.newPage({ viewport: { width: 800, height: 480 } });
    const phone = await browser.newPage({ viewport: { width: 390, height: 720 } });
    // A script error on a page is a failure of the test that caused it.
    const errors: string[] = [];
    for (const p of [kiosk, phone]) p.on('pageerror', (e) => errors.push(e.message));
    // as the kiosk unit does: the kiosk secret once, which sets the cookie and redirects to /
    await kiosk.goto(`${daemon.apiUrl}/?kiosk=${kioskSecret(dataDir)}`);
    mkdirSync(SHOTS, { recursive: true });
    const b = browser;
    const t: UiTill = {
      daemon,
      browser: b,
      kiosk,
      phone,
      async shot(name, page = kiosk) {
        await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      },
      async restart(r = {}) {
        const port = t.daemon.config.api.port;
        await t.daemon.stop();
        const again = { ...config, api: { ...config.api, port, ...(r.token ? { token: r.token } : {}) } };
        t.daemon = await startDaemon(again, { demo: false, log: silentLogger, notify: false, say: () => {} });
      },
      async close() {
        await b.close();
        await t.daemon.stop();
        rmSync(dataDir, { recursive: true, force: true });
        if (errors.length) throw new Error(`script errors on the pages: ${errors.join('; ')}`);
      },
    };
    return t;
  } catch (e) {
    await browser?.close();
    await daemon.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** The till's kiosk secret, as the kiosk unit reads it (image/rootfs/usr/lib/glase-pos/kiosk-start). */
export function kioskSecret(dataDir: string): string {
  return readFileSync(join(dataDir, 'kiosk-secret'), 'utf8').trim();
}

/** Types an amount on the start screen's keypad, key by key as a cashier would. */
export async function typeKeys(page: Page, keypadId: string, text: string): Promise<void> {
  for (const ch of text) await page.click(`#${keypadId} [data-key="${ch === '⌫' ? 'back' : ch}"]`);
}

/** Opens the phone page for a Glase ID and waits until it shows the open bill. */
export async function phoneOpens(t: UiTill, glaseId: string): Promise<void> {
  await t.phone.goto(`${t.daemon.phoneUrl}?glaseId=${encodeURIComponent(glaseId)}`);
  await t.phone.waitForSelector('#invoice', { timeout: 10_000 });
}

/** A demo till (registered, Glase ID assigned, simulator) whose kiosk shows it ready to pay. */
export async function startReadyDemoTill(o: UiTillOptions = {}): Promise<UiTill> {
  const till = await startUiTill({ demo: true, windowMs: 30_000, ...o });
  await till.kiosk.waitForSelector('#status-dot.ok', { timeout: 15_000 });
  return till;
}

/**
 * The cashier types `amount` on the start keypad and starts a Glase payment; the customer pays
 * on the phone page; resolves with the ersReference the paid screen shows.
 */
export async function payOnPhone(till: UiTill, amount: string): Promise<string> {
  await customerPays(till, amount);
  await till.kiosk.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  return (await till.kiosk.getAttribute('#paid-ref', 'data-ers'))!;
}

/** The cashier starts a Glase payment of `amount` and the customer taps Pay on the phone page (what the till then shows is the test's). */
export async function customerPays(till: UiTill, amount: string): Promise<void> {
  const k = till.kiosk;
  await typeKeys(k, 'kp-start', amount);
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForFunction(() => document.querySelector('#wait-title')?.textContent === 'Waiting for the customer', null, { timeout: 10_000 });
  await phoneOpens(till, till.daemon.demo!.glaseId);
  await till.phone.click('#pay');
}

/** Admin → the PIN on the keypad → the admin menu, on the tab `tab` (e.g. 'register'). */
export async function openAdminTab(till: UiTill, pin: string, tab: string): Promise<void> {
  const k = till.kiosk;
  await k.click('#admin-btn');
  await typeKeys(k, 'kp-pin', pin);
  await k.click('#pin-ok');
  await k.waitForSelector('#s-admin:not([hidden])');
  await k.click(`[data-tab="${tab}"]`);
}
