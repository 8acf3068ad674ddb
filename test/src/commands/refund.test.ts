// `glase-pos refund` as a user runs it: real processes, a real simulator on loopback, a real
// SQLite store. A refund of a payment taken by `pay`, the excess refused in the words of 98,
// a lost reply (exit 3, in doubt) settled by `--check-unknown` from the simulator's report,
// a dropped request settled as never happened and sent again with `--resend`, bad usage.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../../src/store/store.js';
import { RESELLER, collect, control, jsonEvents, registerTill, runCli, spawnCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos refund');
let e: Env;
let paid = '';
let invoiceReference = '';
const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l));

t.before(async () => {
  // a short client timeout so that a delayed answer is a lost reply
  e = await startEnv({ env: { GLASE_POS__GLASE__TIMEOUT_MS: '5000' } });
  await registerTill(e.env, 'REFUNDCLI1');
  const child = spawnCli(['pay', '--amount', '12.50', '--cashier', 'eve', '--json'], e.env);
  const done = collect(child, '');
  await jsonEvents(child).waitFor((x) => x.state === 'live.window');
  await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId: 'REFUNDCLI1' });
  const r = await done;
  assert.is(r.code, 0, r.stderr);
  const result = lines(r.stdout).at(-1);
  paid = result.ersReference;
  const store = openStore(join(e.dir, 'data'));
  try {
    invoiceReference = (store.posts.byErsReference(paid) as { invoiceReference: string }).invoiceReference;
  } finally {
    store.close();
  }
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

const atServer = async (): Promise<Array<{ ersReference: string; amountMinor: number }>> => (await control(e.sim, 'GET', `/simulator/invoices/${invoiceReference}`)).json.refunds;

t('bad usage names the argument (exit 2)', async () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /give one of: an ersReference with --amount, --check-unknown, or --resend/],
    [['123', '--amount', '1.00'], /ersReference: must be the 25 digits/],
    [[paid], /--amount: is required/],
    [[paid, '--amount', '4.005'], /--amount: .*more than 2 decimals/],
    [[paid, '--amount', '0'], /--amount: must be more than 0/],
    [[paid, '--amount', '1', '--reason', ''], /--reason: must be 1-200 characters/],
    [[paid, '--amount', '1', '--check-unknown'], /give one of/],
    [['--check-unknown'], /--reseller: is required/],
    [[paid, '--amount', '1', '--tip', '5'], /Unknown option '--tip'/],
  ];
  for (const [args, why] of cases) {
    const r = await runCli(['refund', ...args], e.env);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, why, args.join(' '));
  }
});

t('refund 4.00 --json: completed, one post, one receipts.jsonl line, the simulator refunded once', async () => {
  const r = await runCli(['refund', paid, '--amount', '4.00', '--reason', 'broken cup', '--cashier', 'eve', '--json'], e.env);
  assert.is(r.code, 0, r.stderr + r.stdout);
  const ev = lines(r.stdout);
  assert.is(ev[0].type, 'started');
  const result = ev.at(-1);
  assert.equal([result.type, result.outcome, result.exitCode], ['result', 'completed', 0]);
  assert.equal(ev.filter((x) => x.type === 'refund').map((x) => x.state), ['sending', 'refunded.recording', 'refunded.printing', 'refunded.submitting', 'completed']);
  assert.equal((await atServer()).map((x) => [x.ersReference, x.amountMinor]), [[result.refundErsReference, 400]]);
  const file = readFileSync(join(e.dir, 'data', 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(file.map((p) => [p.ersReference, p.amount, p.description]), [[paid, 1250, 'Glase payment'], [result.refundErsReference, -400, 'Glase refund']]);
  const refundLine = file[1];
  assert.equal([refundLine.originalErsReference, refundLine.cashierId, refundLine.reason], [paid, 'eve', 'broken cup']);
  const store = openStore(join(e.dir, 'data'));
  try {
    assert.match(store.audit.list().find((a) => a.action === 'refund')!.actor, /^cli/);
    assert.is(store.printQueue.byErsReference(result.refundErsReference).length, 1);
  } finally {
    store.close();
  }
});

t('more than what is left: exit 1 in the words of 98, nothing sent', async () => {
  const r = await runCli(['refund', paid, '--amount', '8.51'], e.env);
  assert.is(r.code, 1);
  assert.match(r.stderr, /refused \(refundable\): the refunds would add up to more than the payment; nothing was refunded: at most 8\.50 SEK of 12\.50 SEK/);
  assert.is((await atServer()).length, 1);
});

t('a Swedish shop: the refusal says its amounts the Swedish way (kr, decimal comma), nothing sent', async () => {
  const sv = { ...e.env, GLASE_POS__UI__LANGUAGE: 'sv' };
  const r = await runCli(['refund', paid, '--amount', '8.51'], sv);
  assert.is(r.code, 1);
  assert.match(r.stderr, /återbetalningarna skulle bli mer än betalningen; inget återbetalades: högst 8,50\skr av 12,50\skr kan fortfarande återbetalas/);
  assert.not.match(r.stderr, /SEK/);
  assert.is((await atServer()).length, 1);
});

t('the reply is lost after Glase refunded: exit 3 in cashier words; --check-unknown finds it and books it', async () => {
  await control(e.sim, 'POST', '/simulator/faults', { operation: 'refundPayment', delayMs: 7_000, times: 1 });
  const r = await runCli(['refund', paid, '--amount', '1.00'], e.env);
  assert.is(r.code, 3, r.stderr);
  assert.match(r.stderr, /IN DOUBT: Glase did not answer\. The refund may have gone through; do not pay the customer back another way\./);
  const st = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
  assert.equal(st.refundsInDoubt.map((x: any) => [x.state, x.amount, x.originalErsReference]), [['unknown', 100, paid]]);
  // The server refunds after the client gave up.
  for (const until = Date.now() + 20_000; (await atServer()).length < 2 && Date.now() < until; ) await new Promise((res) => setTimeout(res, 100));
  assert.is((await atServer()).length, 2);
  const c = await runCli(['refund', '--check-unknown', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId, '--json'], e.env, RESELLER.password + '\n');
  assert.is(c.code, 0, c.stderr + c.stdout);
  assert.not.match(c.stdout + c.stderr, new RegExp(RESELLER.password));
  const res = lines(c.stdout).at(-1);
  assert.equal([res.type, res.complete, res.applied.length, res.notApplied], ['result', true, 1, []]);
  const booked = lines(c.stdout).find((x) => x.type === 'refund' && x.final);
  assert.equal([booked.outcome, booked.settledBy], ['completed', 'report']);
  assert.is((await atServer()).length, 2, 'still one refund of 1.00 at the server');
  const file = readFileSync(join(e.dir, 'data', 'receipts.jsonl'), 'utf8');
  assert.is(file.split('\n').filter((l) => l.includes(booked.refundErsReference)).length, 1);
});

t('the request is dropped: exit 3; the check says it never happened; --resend sends it once', async () => {
  await control(e.sim, 'POST', '/simulator/faults', { operation: 'refundPayment', drop: true, times: 1 });
  const r = await runCli(['refund', paid, '--amount', '0.50', '--json'], e.env);
  assert.is(r.code, 3);
  const refundId = lines(r.stdout).at(-1).refundId;
  const c = await runCli(['refund', '--check-unknown', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], e.env, RESELLER.password + '\n');
  assert.is(c.code, 0, c.stderr);
  assert.match(c.stdout, new RegExp(`${refundId}: never happened; send it again with \`glase-pos refund --resend ${refundId}\``));
  const again = await runCli(['refund', '--resend', refundId, '--json'], e.env);
  assert.is(again.code, 0, again.stderr + again.stdout);
  assert.equal((await atServer()).filter((x) => x.amountMinor === 50).length, 1);
  const twice = await runCli(['refund', '--resend', refundId], e.env);
  assert.is(twice.code, 1);
  assert.match(twice.stderr, /already sent again/);
});

t.run();
