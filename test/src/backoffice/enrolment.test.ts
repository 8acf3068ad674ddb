// Enrolment end to end against the simulator (issue 14 item 2): the reseller password goes
// into the back office once (`backoffice set-reseller`, stdin), is stored sealed, and never
// reaches the till — grep the till's whole data dir and every output; the code is one-time
// and expires; unregistering works from either side.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESELLER, newTill, runCli, startEnv, type Env, type CliResult } from '../commands/_cli.js';
import { openBackoffice, type Backoffice } from '../../../src/backoffice/open.js';
import { startBackofficeServer, type BackofficeServer } from '../../../src/backoffice/server.js';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { createCode } from '../../../src/backoffice/enrolment.js';
import { listTills, unregisterFromBackoffice } from '../../../src/backoffice/tills.js';
import { createLogger } from '../../../src/lib/log.js';

let env: Env;
let boDir: string;
let bo: Backoffice;
let server: BackofficeServer;
let glase: GlaseClient;
const outputs: string[] = [];
const logLines: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const contains = (dir: string, secret: string) => filesUnder(dir).filter((f) => readFileSync(f).includes(Buffer.from(secret)));
const keep = (r: CliResult) => (outputs.push(r.stdout, r.stderr), r);

test.before(async () => {
  env = await startEnv();
  boDir = mkdtempSync(join(tmpdir(), 'glase-bo-'));
  const set = keep(await runCli(['backoffice', 'set-reseller', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId, '--data', boDir], env.env, RESELLER.password + '\n'));
  assert.is(set.code, 0, set.stderr);
  assert.match(set.stdout, /stored sealed/);
  bo = await openBackoffice({ dataDir: boDir });
  glase = await createGlaseClient({ endpoint: env.sim.soapUrl });
  server = await startBackofficeServer({ bo, glase, log: createLogger({ level: 'debug', write: (l) => logLines.push(l) }) });
});

test.after(async () => {
  await server?.close();
  await glase?.close();
  await bo?.close();
  await env?.sim.close();
  rmSync(boDir, { recursive: true, force: true });
  rmSync(env.dir, { recursive: true, force: true });
});

test('the reseller password is stored sealed: no file of the back office holds it', () => {
  assert.equal(contains(boDir, RESELLER.password), []);
});

test('a till enrols with a one-time code, works at Glase, and never sees the reseller password', async () => {
  const { code } = await createCode(bo.db, 'owner', 'till 1');
  const r = keep(await runCli(['enroll', server.url, code, '--name', 'Till 1'], env.env));
  assert.is(r.code, 0, r.stderr);
  const terminalId = /terminalId (\w+)/.exec(r.stdout)![1];
  // the terminal password it generated is registered at Glase: a TERMINALID call works
  const a = keep(await runCli(['assign-id', 'BOTILL1'], env.env));
  assert.is(a.code, 0, a.stderr);
  const tills = await listTills(bo.db);
  assert.is(tills.length, 1);
  assert.is(tills[0].terminalId, terminalId);
  assert.is(tills[0].name, 'Till 1');
  // the code is spent
  const again = newTill(env.sim);
  const r2 = keep(await runCli(['enroll', server.url, code], again.env));
  assert.is(r2.code, 1);
  assert.match(r2.stderr, /code: unknown, already used or expired/);
  // the till's store and every output and log line: no reseller password
  assert.equal(contains(env.dir, RESELLER.password), []);
  assert.not.ok(outputs.some((o) => o.includes(RESELLER.password)));
  assert.not.ok(logLines.some((l) => l.includes(RESELLER.password)));
  rmSync(again.dir, { recursive: true, force: true });
});

test('an expired code is refused and a bad request names the field', async () => {
  const { code } = await createCode(bo.db, 'owner', 'late till');
  await bo.db.query("UPDATE enrolment_code SET expires_at = now() - interval '1 second' WHERE till_id IS NULL");
  const t = newTill(env.sim);
  const r = keep(await runCli(['enroll', server.url, code], t.env));
  assert.is(r.code, 1);
  assert.match(r.stderr, /expired/);
  const res = await fetch(`${server.url}/api/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'ABCD-EFGH-JKLM', name: 'x', externalId: 'y', terminalPassword: 'short' }) });
  assert.is(res.status, 400);
  assert.equal(await res.json(), { error: 'terminalPassword: must be 8-100 visible ASCII characters', field: 'terminalPassword' });
  rmSync(t.dir, { recursive: true, force: true });
});

test('unregistering from the till tells the back office: the till token stops working', async () => {
  const tillDb = join(env.env.GLASE_POS__DATA_DIR!, 'glase-pos.sqlite');
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(tillDb, { readonly: true });
  const token = (db.prepare('SELECT till_token FROM backoffice_link').get() as { till_token: string }).till_token;
  db.close();
  const ok = await fetch(`${server.url}/api/till`, { headers: { authorization: `Bearer ${token}` } });
  assert.is(ok.status, 200);
  const r = keep(await runCli(['unregister', '--yes'], env.env));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /the back office at .* was told/);
  const gone = await fetch(`${server.url}/api/till`, { headers: { authorization: `Bearer ${token}` } });
  assert.is(gone.status, 401);
  assert.ok((await listTills(bo.db))[0].unregisteredAt);
});

test('unregistering from the back office unregisters the terminal at Glase', async () => {
  const t = newTill(env.sim);
  const { code } = await createCode(bo.db, 'owner', 'till 2');
  const r = keep(await runCli(['enroll', server.url, code, '--name', 'Till 2'], t.env));
  assert.is(r.code, 0, r.stderr);
  const till = (await listTills(bo.db)).find((x) => x.name === 'Till 2')!;
  assert.equal(await unregisterFromBackoffice(bo.db, bo.box, glase, till.id), { ok: true });
  const a = keep(await runCli(['assign-id', 'BOTILL2'], t.env));
  assert.is(a.code, 1);
  assert.match(a.stderr + a.stdout, /29|no longer knows/);
  assert.equal(contains(t.dir, RESELLER.password), []);
  rmSync(t.dir, { recursive: true, force: true });
});

test.run();
