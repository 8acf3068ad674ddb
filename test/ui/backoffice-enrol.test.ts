// Enrolment from the kiosk's admin screen while the daemon runs (issue 14 item 2): the owner's
// one-time code and the back office's address are typed behind the admin PIN; a real back
// office on loopback (PGlite, the same simulator as the till) registers the till with the
// reseller credentials it keeps. The till never sees the reseller password: not in the page,
// not in its data dir. Then the running daemon ships a post to that back office.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setPin } from '../../src/api/pin.js';
import { DEMO } from '../../src/daemon/demo-bootstrap.js';
import { openBackoffice, type Backoffice } from '../../src/backoffice/open.js';
import { startBackofficeServer, type BackofficeServer } from '../../src/backoffice/server.js';
import { setReseller } from '../../src/backoffice/reseller.js';
import { createCode } from '../../src/backoffice/enrolment.js';
import { listTills } from '../../src/backoffice/tills.js';
import { createGlaseClient, type GlaseClient } from '../../src/glase/client.js';
import { SOAP_PATH } from '../../src/simulator/index.js';
import { startUiTill, type UiTill, openAdminTab } from './harness.js';

const t = suite('kiosk screen: enrol through the back office');
const PIN = '2468';
let till: UiTill;
let boDir: string;
let bo: Backoffice;
let glase: GlaseClient;
let server: BackofficeServer;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

t.before(async () => {
  till = await startUiTill({ demo: false });
  setPin(till.daemon.store.settings, PIN);
  await till.kiosk.reload();
  boDir = mkdtempSync(join(tmpdir(), 'glase-bo-ui-'));
  bo = await openBackoffice({ dataDir: boDir });
  await setReseller(bo.db, bo.box, { resellerId: DEMO.resellerId, userId: DEMO.userId, password: DEMO.password });
  glase = await createGlaseClient({ endpoint: till.daemon.simulatorUrl! + SOAP_PATH });
  server = await startBackofficeServer({ bo, glase });
});
t.after(async () => {
  await till?.close();
  await server?.close();
  await glase?.close();
  await bo?.close();
  if (boDir) rmSync(boDir, { recursive: true, force: true });
});

t('a wrong code is refused with the reason; the right one enrols the running till', async () => {
  const k = till.kiosk;
  await openAdminTab(till, PIN, 'register');
  await k.waitForSelector('#enrol-form:not([hidden])');

  // a code that breaks the rule never leaves the till: the field and the rule are named
  // the address typed on the on-screen keyboard, which has ':' and '/' for it
  await k.click('#enrol-url');
  await k.waitForSelector('#osk:not([hidden])');
  for (const ch of server.url) await k.click(`#osk button[data-value="${ch}"]`);
  assert.is(await k.inputValue('#enrol-url'), server.url);
  await k.click('#osk button[data-value="done"]');
  await k.fill('#enrol-code', 'ABC');
  await k.click('#enrol-btn');
  await k.waitForSelector('#reg-msg.bad', { timeout: 10_000 });
  assert.match((await k.textContent('#reg-msg')) ?? '', /enrolment code.*12-character code/i);

  // a well-formed code the back office never made: refused there, with its reason
  await k.fill('#enrol-code', 'AAAA-BBBB-CCCC');
  await k.click('#enrol-btn');
  await k.waitForFunction(() => /refused the enrolment: code: unknown, already used or expired/.test(document.querySelector('#reg-msg')?.textContent ?? ''), null, { timeout: 15_000 });
  assert.is(till.daemon.till.setup().terminalId, undefined);

  const { code } = await createCode(bo.db, 'owner', 'kiosk till');
  await k.fill('#enrol-code', code);
  await till.shot('admin-enrol');
  await k.click('#enrol-btn');
  await k.waitForSelector('#reg-msg.ok', { timeout: 20_000 });
  assert.match((await k.textContent('#reg-msg')) ?? '', /Enrolled as terminal [0-9a-f]{32}/);
  await k.waitForSelector('#reg-registered:not([hidden])');
  assert.ok(await k.isHidden('#enrol-form'));
  assert.is(await k.inputValue('#enrol-code'), '', 'the spent code is cleared from the screen');
  await till.shot('admin-enrolled');

  const terminalId = till.daemon.till.setup().terminalId;
  const tills = await listTills(bo.db);
  assert.is(tills.length, 1);
  assert.is(tills[0].terminalId, terminalId);
  assert.is(till.daemon.store.backoffice.get()?.url, new URL(server.url).origin);
  // the terminal password the till made is the one Glase knows: a TERMINALID call works
  const gid = await till.daemon.till.assignGlaseId('BOKIOSK1', 'test');
  assert.ok(gid.ok, gid.message);
  // the reseller password is nowhere on the till
  assert.not.ok((await k.content()).includes(DEMO.password));
  const leaks = filesUnder(till.daemon.config.dataDir).filter((f) => readFileSync(f).includes(Buffer.from(DEMO.password)));
  assert.equal(leaks, []);
  assert.ok(till.daemon.store.audit.list(50).some((a) => a.action === 'enrol' && a.detail?.includes(new URL(server.url).origin)), 'the enrolment is audited');
});

t('the running daemon ships the next post to the back office it was enrolled with', async () => {
  const store = till.daemon.store;
  const ers = '2025031110000000000000042';
  store.transaction(() => store.posts.insert('kiosk-p1', { ersReference: ers, amount: 4200, currency: 'SEK', description: 'Glase payment', timestamp: new Date().toISOString(), clientInvoiceId: 'k1', invoiceReference: '42' }));
  const deadline = Date.now() + 30_000;
  let rows: Array<{ post_key: string; amount_ore: number }> = [];
  while (Date.now() < deadline) {
    rows = (await bo.db.query<{ post_key: string; amount_ore: number }>('SELECT post_key, amount_ore FROM post')).rows;
    if (rows.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(rows, [{ post_key: `pay:${ers}`, amount_ore: 4200 }]);
});

t.run();
