// Crash test with real processes: `glase-pos pay --json` takes a real payment from a real
// simulator and is killed with SIGKILL at each journaled step; the customer pays just
// before, at, or just after the kill. Then `glase-pos recover --wait` (the restart) runs, and
// we check: the simulator never reversed the payment and saw it acknowledged, the journal
// records it and its completion exactly once, one transaction post, one receipt in the print
// queue, one line in receipts.jsonl.
//
// Kills at exact steps come from the process itself (GLASE_POS_TEST_CRASH_AT: SIGKILL right
// after that state's SQLite commit, or right after Glase answered); the "while awaiting"
// kills come from this test, timed against the customer's payment.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChildProcess } from 'node:child_process';
import { openStore } from '../../src/store/store.js';
import type { Simulator } from '../../src/simulator/index.js';
import { collect, control, jsonEvents, newTill, registerTill, runCli, spawnCli, startEnv, type CliResult, type Env } from '../src/commands/_cli.js';

const t = suite('crash: SIGKILL at each step, restart, exactly once');
let e: Env;
const dirs: string[] = [];
let n = 0;

t.before(async () => {
  // the server reverses a paid invoice nobody polled within 20 s: the restart must poll sooner
  e = await startEnv({ reversalMs: 20_000 });
  dirs.push(e.dir);
});
t.after(async () => {
  await e.sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Till {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  glaseId: string;
}

async function freshTill(): Promise<Till> {
  const { dir, env } = newTill(e.sim);
  dirs.push(dir);
  const glaseId = `CRASH${++n}`;
  await registerTill(env, glaseId);
  return { env, dataDir: join(dir, 'data'), glaseId };
}

const customerPays = (sim: Simulator, glaseId: string) => control(sim, 'POST', '/simulator/customer/pay', { glaseId });

function startPay(till: Till, crashAt?: string): { child: ChildProcess; done: Promise<CliResult>; ev: ReturnType<typeof jsonEvents> } {
  const child = spawnCli(['pay', '--amount', '42.00', '--cashier', 'eve', '--json'], crashAt ? { ...till.env, GLASE_POS_TEST_CRASH_AT: crashAt } : till.env);
  const done = collect(child, '');
  return { child, done, ev: jsonEvents(child) };
}

function onlyPayment(till: Till): { paymentId: string; invoiceReference?: string } {
  const store = openStore(till.dataDir);
  try {
    const [p] = store.payments.recent(5);
    const ref = store.journal.forPayment(p.paymentId).find((r) => r.invoiceReference)?.invoiceReference;
    return { paymentId: p.paymentId, invoiceReference: ref };
  } finally {
    store.close();
  }
}

async function restart(till: Till): Promise<any> {
  const r = await runCli(['recover', '--wait', '--json'], till.env);
  assert.is(r.code, 0, `recover: ${r.stderr}\n${r.stdout}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines[0].type, 'resumed');
  assert.is(lines[0].paymentIds.length, 1, 'one unfinished payment was resumed');
  return lines.at(-1);
}

async function assertExactlyOnce(till: Till, expectRecovered: boolean | undefined) {
  const { paymentId, invoiceReference } = onlyPayment(till);
  assert.ok(invoiceReference, 'the invoice reference was journaled');
  const inv = (await control(e.sim, 'GET', `/simulator/invoices/${invoiceReference}`)).json;
  assert.is(inv.status, 'PAID', 'the payment stands at Glase');
  assert.is(inv.payment.acknowledged, true, 'acknowledged by a status poll');
  assert.is(inv.payment.reversed ?? false, false, 'never reversed');
  const reversals = (await control(e.sim, 'GET', '/simulator/reversals')).json.reversals;
  assert.equal(reversals, [], 'the simulator reversed nothing');
  const ers: string = inv.payment.ersReference;

  const store = openStore(till.dataDir);
  try {
    const rows = store.journal.forPayment(paymentId);
    const count = (state: string) => rows.filter((r) => r.state === state).length;
    assert.is(count('recorded'), 1, 'journal: recorded once');
    assert.is(count('completed'), 1, 'journal: completed once');
    assert.is(rows.at(-1)!.state, 'completed');
    assert.ok(store.payments.get(paymentId)!.finished);
    const posts = store.posts.all();
    assert.equal(posts.map((p) => [p.ersReference, p.amount, p.cashierId]), [[ers, 4200, 'eve']], 'one transaction post');
    if (expectRecovered !== undefined) assert.is(posts[0].recovered === true, expectRecovered);
    const jobs = store.printQueue.byErsReference(ers).filter((j) => !j.copy);
    assert.is(jobs.length, 1, 'receipt queued once');
    assert.is(store.payments.unfinished().length, 0);
  } finally {
    store.close();
  }
  const lines = readFileSync(join(till.dataDir, 'receipts.jsonl'), 'utf8').split('\n').filter((l) => l.includes(ers));
  assert.is(lines.length, 1, 'receipts.jsonl has it once');
}

// --- killed right after a journaled step, the customer having paid before ---------------------
for (const step of ['poll-paid', 'paid.recording', 'paid.printing', 'paid.submitting', 'submit-answered']) {
  t(`killed at ${step} (customer paid before): resumed, completed once`, async () => {
    const till = await freshTill();
    const p = startPay(till, step);
    await p.ev.waitFor((x) => x.state === 'live.window');
    assert.is((await customerPays(e.sim, till.glaseId)).status, 200);
    const dead = await p.done;
    assert.is(dead.signal, 'SIGKILL', `killed (${dead.stderr})`);
    const result = await restart(till);
    assert.equal([result.type, result.outcome], ['result', 'completed']);
    // killed before the record (at the PAID answer, or with paid.recording journaled but the
    // post not yet written): the post is made by the restarted till, marked recovered
    await assertExactlyOnce(till, step === 'poll-paid' || step === 'paid.recording');
  });
}

// --- killed while waiting for the customer, who pays just before, at, or after the kill ----------
t('killed right after the invoice was sent (live.window journaled); the customer pays after the kill', async () => {
  const till = await freshTill();
  const p = startPay(till, 'live.window');
  const dead = await p.done;
  assert.is(dead.signal, 'SIGKILL');
  assert.ok(onlyPayment(till).invoiceReference);
  assert.is((await customerPays(e.sim, till.glaseId)).status, 200);
  const result = await restart(till);
  assert.equal([result.outcome, result.recovered], ['completed', true]);
  await assertExactlyOnce(till, true);
});

for (const when of ['before', 'at', 'after'] as const) {
  t(`killed while awaiting payment (after a few polls); the customer pays ${when} the kill`, async () => {
    const till = await freshTill();
    const p = startPay(till);
    await p.ev.waitFor((x) => x.state === 'live.window');
    // let the status polling run for a while, as in a real wait
    await new Promise((r) => setTimeout(r, 1_500));
    if (when === 'before') {
      assert.is((await customerPays(e.sim, till.glaseId)).status, 200);
      p.child.kill('SIGKILL');
    } else if (when === 'at') {
      const [paid] = await Promise.all([customerPays(e.sim, till.glaseId), Promise.resolve(p.child.kill('SIGKILL'))]);
      assert.is(paid.status, 200);
    } else {
      p.child.kill('SIGKILL');
      await p.done;
      assert.is((await customerPays(e.sim, till.glaseId)).status, 200);
    }
    const dead = await p.done;
    if (dead.signal !== 'SIGKILL') {
      // the till finished the payment before the signal landed: nothing left to recover
      assert.is(dead.code, 0);
      return assertExactlyOnce(till, false);
    }
    const r = await runCli(['recover', '--wait', '--json'], till.env);
    assert.is(r.code, 0, r.stderr);
    await assertExactlyOnce(till, undefined);
  });
}

// --- killed before the invoice left: the till cannot know; it refuses until a cashier checks -----
t('killed with sendingInvoice journaled: an orphan; pay refused until confirm-orphan', async () => {
  const till = await freshTill();
  const p = startPay(till, 'sending');
  const dead = await p.done;
  assert.is(dead.signal, 'SIGKILL');
  const result = await restart(till);
  assert.equal([result.type, result.outcome], ['result', 'orphaned']);
  const status = JSON.parse((await runCli(['status', '--json'], till.env)).stdout);
  assert.is(status.orphan.paymentId, onlyPayment(till).paymentId);
  const refused = await runCli(['pay', '--amount', '1', '--json'], till.env);
  assert.is(refused.code, 1);
  assert.is(JSON.parse(refused.stdout.trim()).rule, 'orphan-confirmed');
  const c = await runCli(['confirm-orphan', '--by', 'eve', '--note', 'phone shows nothing'], till.env);
  assert.is(c.code, 0, c.stderr);
  assert.is(JSON.parse((await runCli(['status', '--json'], till.env)).stdout).orphan, null);
  assert.equal((await control(e.sim, 'GET', '/simulator/reversals')).json.reversals, []);
  const store = openStore(till.dataDir);
  try {
    assert.is(store.posts.all().length, 0, 'nothing recorded');
  } finally {
    store.close();
  }
});

t.run();
