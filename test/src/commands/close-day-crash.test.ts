// `glase-pos close-day` killed by SIGKILL at each step of a real process (GLASE_POS_TEST_CRASH_AT),
// then run again: the close resumes, exactly one Z is numbered, stored, written to
// receipts.jsonl and holds the day's payment; Glase's period is marked once, except when the
// process died with the mark's answer in flight, where the Z says a period may be unread.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESELLER, collect, control, jsonEvents, newTill, registerTill, runCli, spawnCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos close-day killed at each step');
let e: Env;
const dirs: string[] = [];
t.before(async () => {
  e = await startEnv();
});
t.after(async () => {
  await e.sim.close();
  for (const d of [e.dir, ...dirs]) rmSync(d, { recursive: true, force: true });
});

const FAST = { GLASE_POS__DAY_CLOSE__FIRST_WAIT_MS: '300', GLASE_POS__DAY_CLOSE__RETRY_WAIT_MS: '500' };
const CLOSE = ['close-day', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId, '--json'];

let n = 0;
async function paidTill(): Promise<{ env: NodeJS.ProcessEnv; dir: string; ers: string; terminalId: string }> {
  const { env, dir } = newTill(e.sim, FAST);
  dirs.push(dir);
  const glaseId = `KILLCLOSE${++n}`;
  const terminalId = await registerTill(env, glaseId);
  const child = spawnCli(['pay', '--amount', '12.50', '--json'], env);
  const done = collect(child);
  const ev = jsonEvents(child);
  await ev.waitFor((x) => x.type === 'payment' && x.state === 'live.window');
  await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId });
  const r = await done;
  assert.is(r.code, 0, r.stderr);
  return { env, dir, ers: ev.events.at(-1).ersReference, terminalId };
}

const marksOf = async (terminalId: string) => ((await control(e.sim, 'GET', '/simulator/state')).json.periods as Array<{ terminalId?: string }>).filter((p) => p.terminalId === terminalId).length;

for (const at of ['close:marking', 'mark-answered', 'close:waiting', 'close:reading', 'close:recording']) {
  t(`killed at ${at}: the next close-day resumes; one Z with the payment, numbered and written once`, async () => {
    const till = await paidTill();
    const killed = await collect(spawnCli(CLOSE, { ...till.env, GLASE_POS_TEST_CRASH_AT: at }), RESELLER.password + '\n');
    assert.is(killed.signal, 'SIGKILL', `reached ${at}: ${killed.stderr}`);
    // before the recording step no Z exists; from it on, the Z may be stored already
    if (at !== 'close:recording') assert.match((await runCli(['report', '--list'], till.env)).stdout, /no Z report yet/);

    const again = await runCli(CLOSE, till.env, RESELLER.password + '\n');
    const lostAnswer = at === 'mark-answered';
    assert.is(again.code, lostAnswer ? 4 : 0, again.stderr + again.stdout);
    const result = again.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((x) => x.type === 'result');
    assert.is(result.z.zNumber, 1);
    assert.is(result.z.till.net, 1250, 'the payment is in the books of the Z');
    if (lostAnswer) assert.ok(result.z.markLost, 'the Z says a marked period may be unread');
    else assert.equal(result.z.ersReferences, [till.ers]);
    // one mark at Glase, or two when the first answer died with the process
    assert.is(await marksOf(till.terminalId), lostAnswer ? 2 : 1);

    const list = await runCli(['report', '--list'], till.env);
    assert.is(list.stdout.trim().split('\n').length, 1, list.stdout);
    const zLines = readFileSync(join(till.dir, 'data', 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.kind === 'z-report');
    assert.equal(zLines.map((l) => l.zNumber), [1]);
    // and a third run closes a new, empty period: the payment is never counted twice
    const third = await runCli(CLOSE, till.env, RESELLER.password + '\n');
    const z2 = third.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((x) => x.type === 'result').z;
    assert.equal([z2.zNumber, z2.till.net], [2, 0]);
  });
}

t.run();
