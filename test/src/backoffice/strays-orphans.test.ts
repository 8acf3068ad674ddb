// Two things the back office must not leave unnoticed (issue 14), on both engines:
// - a refund whose payment no till has shipped (an orphan refund) is flagged once in
//   reconciliation, and resolved by itself when the payment lands;
// - a registerTerminal whose reply is lost may have made a terminal at Glase no till knows:
//   the attempt is written before Glase is asked and stays listed (Tills page, dashboard)
//   until an owner acknowledges it; the code is released so the till can try again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { ENGINES, freshDb, stopCluster } from './_engines.js';
import { ingestBatch, type IncomingPost } from '../../../src/backoffice/ingest.js';
import { orphanRefunds } from '../../../src/backoffice/reconcile-shop.js';
import { createCode, enrol } from '../../../src/backoffice/enrolment.js';
import { setReseller } from '../../../src/backoffice/reseller.js';
import { secretBox } from '../../../src/backoffice/secret-box.js';
import { acknowledgeAttempt, unsettledAttempts } from '../../../src/backoffice/registration-attempts.js';
import { startBackofficeServer } from '../../../src/backoffice/server.js';
import { addUser } from '../../../src/backoffice/users.js';
import type { Db } from '../../../src/backoffice/db.js';
import type { GlaseApi } from '../../../src/glase/types.js';

const ers = (n: number) => `2025031110000000000${String(n).padStart(6, '0')}`;
const payment = (seq: number, n: number, amount: number): IncomingPost => ({ seq, key: `pay:${ers(n)}`, kind: 'payment', body: JSON.stringify({ ersReference: ers(n), amount, currency: 'SEK', businessDay: '2025-03-11', cashierId: 'anna' }) });
const refund = (seq: number, n: number, of: number, amount: number): IncomingPost => ({ seq, key: `ref:${ers(n)}`, kind: 'refund', body: JSON.stringify({ ersReference: ers(n), originalErsReference: ers(of), amount: -amount, currency: 'SEK', businessDay: '2025-03-11', cashierId: 'anna', description: 'Glase refund' }) });

async function addTill(db: Db, name: string): Promise<number> {
  const r = await db.query<{ id: number }>("INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha) VALUES ($1, $1, md5($1), 'x', md5(random()::text)) RETURNING id", [name]);
  return r.rows[0].id;
}

/** what reconciliation does with the orphans it finds: one open difference each */
async function flag(db: Db, period: string): Promise<string[]> {
  await db.query("INSERT INTO recon_period (period_id, marked_by) VALUES ($1, 'test') ON CONFLICT DO NOTHING", [period]);
  const found = await orphanRefunds(db);
  for (const o of found) await db.query("INSERT INTO recon_difference (period_id, class, ers_reference, terminal_id, ledger_ore, reason) VALUES ($1, 'orphan_refund', $2, $3, $4, 'orphan')", [period, o.ersReference, o.terminalId, o.amount]);
  return found.map((o) => `${o.ersReference}<-${o.originalErsReference}`);
}

const lostReply: Pick<GlaseApi, 'registerTerminal'> = { registerTerminal: async () => { throw new Error('socket hang up'); } };
let terminals = 0;
const answers: Pick<GlaseApi, 'registerTerminal'> = { registerTerminal: async () => ({ ok: true, terminalId: `t${++terminals}`.padEnd(32, '0') }) as Awaited<ReturnType<GlaseApi['registerTerminal']>> };

for (const engine of ENGINES) {
  test(`${engine}: a refund whose payment the back office has not seen is flagged once, and resolved when the payment lands`, async () => {
    const db = await freshDb(engine);
    try {
      const a = await addTill(db, 'till A');
      const b = await addTill(db, 'till B');
      await ingestBatch(db, a, [payment(1, 1, 1000), refund(2, 2, 1, 400)]); // its payment is here: no orphan
      await ingestBatch(db, b, [refund(1, 3, 9, 700)], { backlog: 0 }); // paid at till A, not shipped yet
      assert.equal(await flag(db, 'P1'), [`${ers(3)}<-${ers(9)}`]);
      assert.equal(await flag(db, 'P2'), [], 'flagged once, not in every period');
      // a till that still has posts to ship is not judged yet
      await db.query('UPDATE till SET backlog = 5 WHERE id = $1', [a]);
      await ingestBatch(db, a, [refund(3, 4, 8, 100)], { backlog: 5 });
      assert.equal(await flag(db, 'P2'), []);
      // the payment lands: the open difference resolves itself
      await ingestBatch(db, a, [payment(4, 9, 700)], { backlog: 0 });
      await orphanRefunds(db);
      const d = await db.query<{ ers_reference: string; state: string }>("SELECT ers_reference, state FROM recon_difference WHERE class = 'orphan_refund'");
      assert.equal(d.rows, [{ ers_reference: ers(3), state: 'auto_resolved' }]);
      assert.equal(await flag(db, 'P3'), [`${ers(4)}<-${ers(8)}`], 'the other till has shipped everything now: its orphan shows');
    } finally {
      await db.close();
    }
  });

  test(`${engine}: a registerTerminal whose reply is lost stays listed until acknowledged; the code can be used again`, async () => {
    const db = await freshDb(engine);
    const box = secretBox(randomBytes(32));
    try {
      await setReseller(db, box, { resellerId: 'shop1', userId: '9900', password: 'reseller-secret-pw' });
      const { code } = await createCode(db, 'owner', 'till 7');
      const req = { code, name: 'Till 7', externalId: 'till-7', terminalPassword: 'a'.repeat(24) };
      const lost = await enrol(db, box, lostReply, req);
      assert.equal(lost, { ok: false, status: 502, message: 'Glase did not answer registerTerminal; it may or may not have registered a terminal (the back office shows it under Tills); try again' });
      const open = await unsettledAttempts(db);
      assert.equal(open.map((x) => [x.name, x.externalId, x.outcome, x.detail]), [['Till 7', 'till-7', 'lost', 'no answer from Glase: socket hang up']]);
      // the till tries again with the same code: registered, and the lost attempt is still listed
      const again = await enrol(db, box, answers, req);
      assert.ok(again.ok);
      assert.is((await unsettledAttempts(db)).length, 1);
      // a back office that died while waiting leaves a pending attempt: listed once it is older than a call can take
      await db.query("INSERT INTO registration_attempt (name, external_id, started_at) VALUES ('Till 8', 'till-8', now() - interval '10 minutes'), ('Till 9', 'till-9', now())");
      const listed = await unsettledAttempts(db);
      assert.equal(listed.map((x) => x.name).sort(), ['Till 7', 'Till 8']);
      assert.match(listed.find((x) => x.name === 'Till 8')!.detail!, /stopped while waiting/);

      // the owner sees them on the Tills page and acknowledges one
      await addUser(db, 'owner', 'owner-password-1', 'owner');
      const server = await startBackofficeServer({ bo: { db, box, close: async () => {} }, glase: {} as GlaseApi });
      try {
        const loginRes = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=owner&password=owner-password-1' });
        const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0];
        const page = await (await fetch(`${server.url}/tills`, { headers: { cookie } })).text();
        assert.match(page, /id="stray-terminals"/);
        assert.match(page, /till-7/);
        const dash = await (await fetch(`${server.url}/`, { headers: { cookie } })).text();
        assert.match(dash, /2 registration\(s\) whose answer from Glase was lost/);
        const id = listed.find((x) => x.name === 'Till 7')!.id;
        const ack = await fetch(`${server.url}/registrations/${id}/acknowledge`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        assert.is(ack.status, 303);
        const again2 = await fetch(`${server.url}/registrations/${id}/acknowledge`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        assert.is(again2.status, 404);
      } finally {
        await server.close();
      }
      assert.equal((await unsettledAttempts(db)).map((x) => x.name), ['Till 8']);
      assert.not.ok(await acknowledgeAttempt(db, 999, 'owner'));
    } finally {
      await db.close();
    }
  });
}

test.after(stopCluster);
test.run();
