// Issue 9 item 13, as attacks on the simulator: a web page posting to its control API
// cross-site (text/plain, or JSON with a foreign Origin) is refused; simulator.sqlite is 0600
// and never holds a reseller password in plain text (an old file is hashed at open).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { call, ctl, reseller, RESELLER } from './helpers.js';

const t = suite('simulator: cross-site control requests, file mode, reseller passwords');
let dir: string;
let sim: Simulator | undefined;
t.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-sim-sec-'));
});
t.after.each(async () => {
  await sim?.close();
  sim = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const raw = (s: Simulator, path: string, init: RequestInit) => fetch(s.url + path, init).then(async (r) => ({ status: r.status, json: await r.json() }));
const registerWith = (s: Simulator, password: string) =>
  call(s, 'registerTerminal', reseller({ password }), '<externalTerminalId>till</externalTerminalId><password>term-pass-1</password><name>Till</name>');

t('a cross-site text/plain POST (a form or no-cors fetch) is refused and changes nothing', async () => {
  sim = await startSimulator();
  const body = JSON.stringify({ resellerId: 'evil', userId: '1', password: 'x' });
  const plain = await raw(sim, '/simulator/resellers', { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  assert.equal([plain.status, plain.json.error], [415, 'content-type: must be application/json']);
  const none = await raw(sim, '/simulator/resellers', { method: 'POST', body: new Blob([body]) });
  assert.is(none.status, 415, 'no content type either');
  const foreign = await raw(sim, '/simulator/faults', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ operation: 'sendInvoice', drop: true, times: 1 }) });
  assert.equal([foreign.status, foreign.json.error], [403, 'origin: cross-site requests are not allowed']);
  const nullOrigin = await raw(sim, '/simulator/faults', { method: 'DELETE', headers: { origin: 'null' } });
  assert.is(nullOrigin.status, 403);
  const state = (await ctl(sim, 'GET', '/simulator/state')).json;
  assert.equal([state.resellers, state.faults], [[], []], 'nothing was created');
  // its own phone page (same origin) and JSON callers still work
  const own = await raw(sim, '/simulator/resellers', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', origin: sim.url }, body });
  assert.is(own.status, 201);
});

t('simulator.sqlite is 0600, also when it existed wider; no reseller password in it', async () => {
  const db = join(dir, 'simulator.sqlite');
  new Database(db).close();
  chmodSync(db, 0o644);
  sim = await startSimulator({ dbFile: db });
  assert.is(statSync(db).mode & 0o777, 0o600);
  await ctl(sim, 'POST', '/simulator/resellers', { ...RESELLER, password: 'hunter2-plain-text' });
  await ctl(sim, 'PATCH', `/simulator/resellers/${RESELLER.resellerId}`, { password: 'second-plain-text' });
  for (const f of [db, `${db}-wal`]) {
    if (!existsSync(f)) continue;
    assert.is(statSync(f).mode & 0o777, 0o600, f);
    const bytes = readFileSync(f, 'latin1');
    assert.not.ok(bytes.includes('hunter2-plain-text') || bytes.includes('second-plain-text'), `${f} holds a password`);
  }
  const stored = JSON.parse((new Database(db, { readonly: true }).prepare('SELECT data FROM resellers').get() as { data: string }).data);
  assert.is(stored.passwordHash.algo, 'scrypt');
  assert.is(stored.password, undefined);
  assert.is((await registerWith(sim, 'hunter2-plain-text')).resultCode, '20', 'the old password no longer works');
  assert.is((await registerWith(sim, 'second-plain-text')).resultCode, '0', 'the hash still checks the right one');
});

t('a file from before (plain password) is hashed when opened, and the password still works', async () => {
  const db = join(dir, 'old.sqlite');
  const old = new Database(db);
  old.pragma('journal_mode = WAL');
  old.exec('CREATE TABLE resellers (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  old.prepare('INSERT INTO resellers (id, data) VALUES (?, ?)').run(RESELLER.resellerId, JSON.stringify({ id: RESELLER.resellerId, userId: RESELLER.userId, password: 'legacy-plain-pw', currency: 'SEK', name: 'Old', blocked: false, refundsAllowed: true, payerRefundsAllowed: true }));
  old.close();
  assert.ok(readFileSync(db, 'latin1').includes('legacy-plain-pw'), 'the old file holds it');
  sim = await startSimulator({ dbFile: db });
  for (const f of [db, `${db}-wal`]) if (existsSync(f)) assert.not.ok(readFileSync(f, 'latin1').includes('legacy-plain-pw'), `${f} still holds the password`);
  assert.is((await registerWith(sim, 'legacy-plain-pw')).resultCode, '0');
});

t.run();
