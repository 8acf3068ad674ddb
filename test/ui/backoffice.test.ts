// The back office's pages in Chromium at 1280×800 (issue 14 item 6), with screenshots in
// test-output/screenshots/: log in (a wrong password first), the dashboard (today per till,
// the 30-day SVG chart, tills, open differences), search, the reconciliation view with an
// acknowledgement, enrolment codes, users, and an accountant who may read but not manage.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openBackoffice, type Backoffice } from '../../src/backoffice/open.js';
import { startBackofficeServer, localDate, type BackofficeServer } from '../../src/backoffice/server.js';
import { addUser } from '../../src/backoffice/users.js';
import { ingestBatch, type IncomingPost } from '../../src/backoffice/ingest.js';
import type { GlaseApi } from '../../src/glase/types.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'];
let dir: string;
let bo: Backoffice;
let server: BackofficeServer;
let browser: Browser;
const TODAY = localDate();
const ERS = (day: string, n: number) => `${day.replaceAll('-', '')}1200${String(n).padStart(13, '0')}`;

test.before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'glase-bo-ui-'));
  bo = await openBackoffice({ dataDir: dir });
  await addUser(bo.db, 'owner', 'owner-password-1', 'owner');
  await addUser(bo.db, 'acc', 'accountant-pw-1', 'accountant');
  for (const [i, name] of ['Kassa 1', 'Kassa 2', 'Kassa 3'].entries()) {
    const t = await bo.db.query<{ id: number }>("INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha, version, last_seen_at, backlog) VALUES ($1, $1, md5($1), 'x', md5($1 || 't'), '0.1.0', now(), $2) RETURNING id", [name, i === 2 ? 4 : 0]);
    const posts: IncomingPost[] = [];
    let seq = 0;
    for (let d = 29; d >= 0; d--) {
      const day = localDate(new Date(Date.now() - d * 86_400_000));
      for (let k = 0; k < 3 + ((d + i) % 4); k++) {
        const n = i * 100_000 + d * 100 + k;
        posts.push({ seq: ++seq, key: `pay:${ERS(day, n)}`, kind: 'payment', body: JSON.stringify({ ersReference: ERS(day, n), amount: 5_000 + ((n * 7919) % 40_000), currency: 'SEK', businessDay: day, cashierId: 'anna' }) });
      }
    }
    posts.push({ seq: ++seq, key: `ref:${ERS(TODAY, i * 100_000 + 99)}`, kind: 'refund', body: JSON.stringify({ ersReference: ERS(TODAY, i * 100_000 + 99), amount: -2_000, currency: 'SEK', businessDay: TODAY }) });
    await ingestBatch(bo.db, t.rows[0].id, posts);
  }
  await bo.db.query("INSERT INTO recon_period (period_id, marked_by, state, summary) VALUES ('2026120100000000000000001', 'owner', 'read', '{\"glaseCount\": 12, \"matched\": 10}')");
  await bo.db.query(`INSERT INTO recon_difference (period_id, class, ers_reference, terminal_id, ledger_ore, glase_ore, reason) VALUES
    ('2026120100000000000000001', 'amount_mismatch', '2026120112000000000000777', 'T1', 2600, 2500, 'the ledger and Glase have other amounts'),
    ('2026120100000000000000001', 'missing_in_ledger', '2026120112000000000000778', 'T2', NULL, 990, 'Glase has it; no till shipped a post for it')`);
  server = await startBackofficeServer({ bo, glase: {} as GlaseApi });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
  await bo?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('owner: login, dashboard with chart, search, reconciliation, enrolment code, users', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + '/');
  assert.match(page.url(), /\/login$/);
  await page.fill('input[name=username]', 'owner');
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('button');
  assert.match(await page.textContent('.err') ?? '', /Wrong user or password/);
  await page.fill('input[name=username]', 'owner');
  await page.fill('input[name=password]', 'owner-password-1');
  await page.click('button');
  await page.waitForSelector('#today');
  assert.is(await page.locator('#today tbody tr').count(), 3);
  assert.is(await page.locator('svg.chart rect').count(), 30);
  assert.match(await page.textContent('#open-differences') ?? '', /2 open/);
  assert.match(await page.textContent('main') ?? '', /Kassa 3/);
  await page.screenshot({ path: join(SHOTS, 'backoffice-dashboard.png'), fullPage: true });

  await page.goto(`${server.url}/search?q=${ERS(TODAY, 99)}`);
  assert.is(await page.locator('main table tbody tr').count(), 1);
  assert.match(await page.textContent('main table') ?? '', /refund/);
  await page.screenshot({ path: join(SHOTS, 'backoffice-search.png') });

  await page.goto(server.url + '/reconciliation');
  assert.is(await page.locator('#differences tr.diff').count(), 2);
  await page.fill('#differences tr[data-class=amount_mismatch] input[name=note]', 'price typo');
  await page.click('#differences tr[data-class=amount_mismatch] button');
  await page.waitForSelector('#differences');
  assert.match(await page.textContent('#differences tr[data-class=amount_mismatch]') ?? '', /acknowledged by owner: price typo/);
  await page.screenshot({ path: join(SHOTS, 'backoffice-reconciliation.png') });

  await page.goto(server.url + '/enrolment');
  await page.fill('input[name=label]', 'Store 1 / Till 4');
  await page.click('form[action="/enrolment"] button');
  assert.match(await page.textContent('#new-code') ?? '', /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.screenshot({ path: join(SHOTS, 'backoffice-enrolment.png') });

  await page.goto(server.url + '/users');
  assert.match(await page.textContent('main table') ?? '', /acc\s*accountant/);
  await page.screenshot({ path: join(SHOTS, 'backoffice-users.png') });

  const sie = await page.request.get(`${server.url}/export.sie?month=${TODAY.slice(0, 7)}`);
  assert.is(sie.status(), 200);
  assert.match((await sie.body()).toString('latin1'), /^#FLAGGA 0\r\n/);
  await page.close();
});

test('accountant: reads and exports, but may not enrol, manage users or unregister', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + '/login');
  await page.fill('input[name=username]', 'acc');
  await page.fill('input[name=password]', 'accountant-pw-1');
  await page.click('button');
  await page.waitForSelector('#today');
  assert.is(await page.locator('header a[href="/enrolment"]').count(), 0);
  const r = await page.goto(server.url + '/enrolment');
  assert.is(r?.status(), 403);
  const csv = await page.request.get(`${server.url}/export.csv?day=${TODAY}`);
  assert.is(csv.status(), 200);
  assert.match(await csv.text(), /^business_day,till,kind,ers_reference/);
  const forged = await page.request.post(`${server.url}/tills/1/unregister`, { headers: { origin: 'http://evil.example' } });
  assert.is(forged.status(), 403);
  await page.close();
});

test.run();
