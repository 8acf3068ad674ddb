// `glase-pos close-day` and `glase-pos report` as a user runs them: real processes, the real
// simulator on loopback. A paid payment, then close-day (password on stdin, never printed or
// stored): Z 1 matched with the payment on it; report --z 1 / --period / --list / --json;
// a planted difference (the simulator reports another amount) makes Z 2 exit 4; bad usage.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESELLER, collect, control, jsonEvents, registerTill, runCli, spawnCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos close-day and report');
let e: Env;
let ers = '';
t.before(async () => {
  e = await startEnv({ env: { GLASE_POS__DAY_CLOSE__FIRST_WAIT_MS: '200', GLASE_POS__DAY_CLOSE__RETRY_WAIT_MS: '500', GLASE_POS__PRINTER__KIND: 'none' } });
  await registerTill(e.env, 'CLOSETILL1');
  ers = await pay('12.50', 'anna');
});

/** A payment through `glase-pos pay`, paid by the simulated customer; its ersReference. */
async function pay(amount: string, cashier?: string): Promise<string> {
  const child = spawnCli(['pay', '--amount', amount, ...(cashier ? ['--cashier', cashier] : []), '--json'], e.env);
  const done = collect(child);
  const ev = jsonEvents(child);
  await ev.waitFor((x) => x.type === 'payment' && x.state === 'live.window');
  await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId: 'CLOSETILL1' });
  const r = await done;
  if (r.code !== 0) throw new Error(`pay failed: ${r.stderr}`);
  return ev.events.at(-1).ersReference;
}
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

t('close-day: Z 1 matched, printed text on stdout, exit 0; the password is never shown or stored', async () => {
  const r = await runCli(['close-day', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], e.env, RESELLER.password + '\n');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Z REPORT 1/);
  assert.match(r.stdout, /MATCHED/);
  assert.match(r.stdout, /Payments 1 +12\.50 SEK/);
  assert.not.match(r.stdout + r.stderr, new RegExp(RESELLER.password));
  assert.not.ok(readFileSync(join(e.dir, 'data', 'glase-pos.sqlite')).includes(Buffer.from(RESELLER.password)));
  const lines = readFileSync(join(e.dir, 'data', 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.filter((l) => l.kind === 'z-report').map((l) => [l.zNumber, l.ersReferences]), [[1, [ers]]]);
});

t('report --z 1 --json, --period, --list', async () => {
  const j = await runCli(['report', '--z', '1', '--json'], e.env);
  assert.is(j.code, 0, j.stderr);
  const z = JSON.parse(j.stdout);
  assert.equal([z.zNumber, z.verdict, z.till.net, z.glase.net], [1, 'matched', 1250, 1250]);
  const p = await runCli(['report', '--period', z.periodId], e.env);
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stdout, /Z REPORT 1/);
  const l = await runCli(['report', '--list'], e.env);
  assert.match(l.stdout, /^Z 1 .* matched$/m);
  const none = await runCli(['report', '--z', '9'], e.env);
  assert.is(none.code, 1);
  assert.match(none.stderr, /no Z report 9/);
});

t('a planted difference: exit 4, the difference and its reason in --json', async () => {
  const ref = await pay('3.00');
  const patched = await control(e.sim, 'PATCH', `/simulator/payments/${ref}`, { reportedAmount: 350 });
  assert.is(patched.status, 200, JSON.stringify(patched.json));
  const r = await runCli(['close-day', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId, '--json'], e.env, RESELLER.password + '\n');
  assert.is(r.code, 4, r.stderr);
  const result = r.stdout.trim().split('\n').map((x) => JSON.parse(x)).find((x) => x.type === 'result');
  assert.equal([result.z.zNumber, result.z.verdict, result.z.differences.map((d: any) => [d.kind, d.ersReference])], [2, 'needs-attention', [['amount-differs', ref]]]);
});

t('export --format csv|json: every payment with its references, amount, cashier and Z number', async () => {
  const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const j = await runCli(['export', '--from', today, '--to', today, '--format', 'json'], e.env);
  assert.is(j.code, 0, j.stderr);
  const rows = JSON.parse(j.stdout);
  const first = rows.find((r: any) => r.ersReference === ers);
  assert.equal([first.kind, first.amount, first.amountText, first.cashierId, first.zNumber], ['payment', 1250, '12.50', 'anna', 1]);
  const c = await runCli(['export', '--from', today, '--to', today, '--format', 'csv'], e.env);
  const lines = c.stdout.trim().split('\r\n');
  assert.is(lines[0], 'date,time,kind,ersReference,originalErsReference,invoiceReference,clientInvoiceId,amount,currency,cashierId,terminalId,zNumber');
  assert.ok(lines.some((l) => l.includes(ers) && l.includes(',12.50,SEK,anna,') && l.endsWith(',1')), c.stdout);
  const none = await runCli(['export', '--from', '2020-01-01', '--to', '2020-01-02', '--format', 'csv'], e.env);
  assert.is(none.stdout.trim().split('\r\n').length, 1, 'only the header');
  const bad = await runCli(['export', '--from', '2026-02-30', '--to', today, '--format', 'csv'], e.env);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--from: must be a date YYYY-MM-DD/);
  const fmt = await runCli(['export', '--from', today, '--to', today, '--format', 'xml'], e.env);
  assert.match(fmt.stderr, /--format: must be csv or json/);
});

t('bad usage names the option', async () => {
  const r = await runCli(['close-day', '--user', '9900'], e.env);
  assert.is(r.code, 2);
  assert.match(r.stderr, /--reseller: is required/);
  const z = await runCli(['report', '--z', 'x'], e.env);
  assert.is(z.code, 2);
  assert.match(z.stderr, /--z: must be a Z number/);
});

t.run();
