// The headless till commands as a user runs them: real processes, a real simulator on
// loopback, a real SQLite store in a temp dir. Register (password on stdin), assign-id,
// status --json, pay --json paid by the customer, journal, unregister, and bad inputs.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESELLER, control, jsonEvents, runCli, spawnCli, collect, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos till commands');
let e: Env;
t.before(async () => {
  e = await startEnv({ env: { GLASE_POS__PAYMENT__WINDOW_MS: '2500' } });
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

t('status before registering: not ready, names the fix, --json', async () => {
  const r = await runCli(['status', '--json'], e.env);
  assert.is(r.code, 1);
  const s = JSON.parse(r.stdout);
  assert.is(s.registered, false);
  assert.is(s.server.reachable, true);
  assert.is(s.server.url, e.sim.soapUrl);
  assert.ok(s.problems[0].includes('glase-pos register'));
});

t('register: wrong password is refused (exit 1) and nothing is stored', async () => {
  const r = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], e.env, 'not-the-password\n');
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /not registered/);
  assert.not.match(r.stdout + r.stderr, /not-the-password/);
  const s = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
  assert.is(s.registered, false);
});

t('register with the password on stdin; assign-id; status --json says ready', async () => {
  const r = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId, '--name', 'Till 7'], e.env, RESELLER.password + '\n');
  assert.is(r.code, 0, r.stderr);
  const terminalId = /terminalId ([0-9a-f]{32})/.exec(r.stdout)?.[1];
  assert.ok(terminalId, r.stdout);
  assert.not.match(r.stdout + r.stderr, new RegExp(RESELLER.password));
  // the reseller password is not stored anywhere in the data dir
  assert.not.ok(readFileSync(join(e.dir, 'data', 'glase-pos.sqlite')).includes(Buffer.from(RESELLER.password)));
  const sim = (await control(e.sim, 'GET', '/simulator/state')).json;
  assert.is(sim.terminals.find((x: any) => x.id === terminalId)?.name, 'Till 7');

  const again = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], e.env, RESELLER.password + '\n');
  assert.is(again.code, 1);
  assert.match(again.stderr, /already registered.*unregister/);

  const a = await runCli(['assign-id', 'CLITILL1'], e.env);
  assert.is(a.code, 0, a.stderr);
  const s = await runCli(['status', '--json'], e.env);
  assert.is(s.code, 0, s.stdout);
  const st = JSON.parse(s.stdout);
  assert.equal([st.ready, st.terminalId, st.glaseId, st.unfinishedPayments, st.orphan], [true, terminalId, 'CLITILL1', [], null]);
});

t('password from GLASE_RESELLER_PASSWORD when stdin is not a terminal', async () => {
  const other = { ...e.env, GLASE_POS__DATA_DIR: join(e.dir, 'other') };
  const r = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], { ...other, GLASE_RESELLER_PASSWORD: RESELLER.password }, '');
  assert.is(r.code, 0, r.stderr);
  const u = await runCli(['unregister', '--yes'], other);
  assert.is(u.code, 0, u.stderr);
});

t('pay --json: events per change, the customer pays, exit 0, journal and receipt file', async () => {
  const child = spawnCli(['pay', '--amount', '12.50', '--cashier', 'anna', '--json'], e.env);
  const done = collect(child);
  const ev = jsonEvents(child);
  const live = await ev.waitFor((x) => x.type === 'payment' && x.state === 'live.window');
  assert.ok(live.invoiceReference);
  const inv = (await control(e.sim, 'GET', `/simulator/invoices/${live.invoiceReference}`)).json;
  assert.equal([inv.totalMinor, inv.cashierId, inv.status], [1250, 'anna', 'ISSUED']);
  const paid = await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId: 'CLITILL1' });
  assert.is(paid.status, 200);
  const r = await done;
  assert.is(r.code, 0, r.stderr);
  const result = ev.events.at(-1);
  assert.equal([result.type, result.outcome, result.ersReference], ['result', 'completed', paid.json.payment.ersReference]);
  const states = ev.events.filter((x) => x.type === 'payment').map((x) => x.state);
  assert.equal(states.slice(0, 2), ['sending', 'live.window']);
  assert.is(states.at(-1), 'completed');
  // every line is a distinct change
  const lines = r.stdout.trim().split('\n');
  assert.is(new Set(lines.map((l) => JSON.stringify({ ...JSON.parse(l), at: 0 }))).size, lines.length);
  const after = (await control(e.sim, 'GET', `/simulator/invoices/${live.invoiceReference}`)).json;
  assert.is(after.payment.acknowledged, true);

  const j = await runCli(['journal', '--payment', live.paymentId, '--json'], e.env);
  assert.is(j.code, 0);
  const rows = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.filter((x) => x.state === 'recorded').length, 1);
  assert.equal(rows.at(-1).state, 'completed');
  const text = await runCli(['journal', '--limit', '3'], e.env);
  assert.is(text.stdout.trim().split('\n').length, 3);
  assert.match(text.stdout, /completed/);
  const receipts = readFileSync(join(e.dir, 'data', 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(receipts.map((p) => [p.ersReference, p.amount, p.cashierId]), [[paid.json.payment.ersReference, 1250, 'anna']]);
});

t('one till process per data dir: a second pay while one runs is refused (exit 1), the first goes on', async () => {
  const child = spawnCli(['pay', '--amount', '2', '--json'], e.env);
  const done = collect(child);
  const ev = jsonEvents(child);
  await ev.waitFor((x) => x.state === 'live.window');
  assert.is(JSON.parse((await runCli(['status', '--json'], e.env)).stdout).tillProcess, child.pid);
  const second = await runCli(['pay', '--amount', '3', '--json'], e.env);
  assert.is(second.code, 1);
  assert.match(second.stderr, new RegExp(`another till process \\(pid ${child.pid}\\) is using this data directory`));
  assert.is((await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId: 'CLITILL1' })).status, 200);
  assert.is((await done).code, 0);
});

t('pay with --rows and --client-invoice-id; the question after the window; "c" on stdin cancels; exit 1', async () => {
  const rowsFile = join(e.dir, 'rows.json');
  writeFileSync(rowsFile, JSON.stringify([{ description: 'Coffee', quantity: '2', amount: '9.00' }, { description: 'Discount', amount: '-1.00' }]));
  const child = spawnCli(['pay', '--amount', '8', '--rows', rowsFile, '--client-invoice-id', 'POS-42/7', '--json'], e.env);
  const done = collect(child);
  const ev = jsonEvents(child);
  const started = await ev.waitFor((x) => x.type === 'started');
  assert.is(started.clientInvoiceId, 'POS-42/7');
  const live = await ev.waitFor((x) => x.state === 'live.window');
  const inv = (await control(e.sim, 'GET', `/simulator/invoices/${live.invoiceReference}`)).json;
  assert.equal(inv.rows.map((r: any) => [r.description, r.totalMinor]), [['Coffee', 900], ['Discount', -100]]);
  assert.is(inv.clientInvoiceId, 'POS-42/7');
  await ev.waitFor((x) => x.type === 'question');
  const q = await ev.waitFor((x) => x.state === 'live.question');
  assert.is(q.canTryAgain, true);
  child.stdin!.write('c\n');
  const r = await done;
  assert.is(r.code, 1, r.stderr);
  const result = ev.events.at(-1);
  assert.equal([result.type, result.outcome], ['result', 'cancelled']);
  assert.is((await control(e.sim, 'GET', `/simulator/invoices/${live.invoiceReference}`)).json.status, 'CANCELED');
});

t('SIGINT asks Glase to cancel; a second one does not abandon the payment', async () => {
  const child = spawnCli(['pay', '--amount', '1', '--json'], e.env);
  const done = collect(child);
  const ev = jsonEvents(child);
  const live = await ev.waitFor((x) => x.state === 'live.window');
  // a slow cancel, so that the second Ctrl-C lands while the till is cancelling
  assert.is((await control(e.sim, 'POST', '/simulator/faults', { operation: 'cancelInvoice', delayMs: 1500, times: 1 })).status, 201);
  child.kill('SIGINT');
  await ev.waitFor((x) => x.state === 'live.cancelling');
  child.kill('SIGINT');
  const r = await done;
  assert.is(r.code, 1);
  const notices = ev.events.filter((x) => x.type === 'notice').map((x) => x.message).join('\n');
  assert.match(notices, /cancelling/);
  assert.match(notices, /keeps asking Glase until it knows/);
  assert.is(ev.events.at(-1).outcome, 'cancelled');
  assert.is((await control(e.sim, 'GET', `/simulator/invoices/${live.invoiceReference}`)).json.status, 'CANCELED');
});

t('bad inputs exit 2 and name the field; nothing is started', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['pay', '--amount', '12.505'], /--amount: .*more than 2 decimals/],
    [['pay'], /--amount: is required/],
    [['pay', '--amount', '0'], /--amount: must be more than 0/],
    [['pay', '--amount', '1', '--bogus'], /Unknown option '--bogus'/],
    [['pay', '--amount', '1', '--client-invoice-id', '.dot-first'], /--client-invoice-id: must be 1-\d+ characters/],
    [['pay', '--amount', '1', '--client-invoice-id', 'has space'], /--client-invoice-id: must be/],
    [['pay', '--amount', '2', '--rows', '/nonexistent/rows.json'], /--rows: .*cannot be read/],
    [['assign-id', 'ab-c'], /GLASEID: must be letters and digits only/],
    [['assign-id'], /GLASEID: is required/],
    [['register', '--user', '9900'], /--reseller: is required/],
    [['register', '--reseller', 'shop1', '--user', '9900', '--password', 'x'], /Unknown option '--password'/],
    [['journal', '--limit', 'ten'], /--limit: must be a whole number/],
    [['unregister'], /--yes: is required when stdin is not a terminal/],
  ];
  for (const [args, msg] of cases) {
    const r = await runCli(args, e.env);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, msg, args.join(' '));
  }
  const j = await runCli(['journal', '--json', '--limit', '1000'], e.env);
  assert.is(j.stdout.trim().split('\n').filter((l) => JSON.parse(l).state === 'created').length, 4, 'no payment created by a bad input');
});

t('no server: commands say how to start one', async () => {
  const env = { ...e.env, GLASE_POS__GLASE__URL: 'embedded', GLASE_POS__SIMULATOR__PORT: '9' };
  const r = await runCli(['pay', '--amount', '1'], env);
  assert.is(r.code, 1);
  assert.match(r.stderr, /no Glase server at http:\/\/127\.0\.0\.1:9\/soap\/merchant\/cashregister-2: start `glase-pos simulator` or `npm start`/);
  const s = JSON.parse((await runCli(['status', '--json'], env)).stdout);
  assert.is(s.server.reachable, false);
});

t('unregister --yes clears the registration', async () => {
  const u = await runCli(['unregister', '--yes'], e.env);
  assert.is(u.code, 0, u.stderr);
  const s = JSON.parse((await runCli(['status', '--json'], e.env)).stdout);
  assert.equal([s.registered, s.glaseId], [false, null]);
  const p = await runCli(['pay', '--amount', '1', '--json'], e.env);
  assert.is(p.code, 1);
  assert.equal(JSON.parse(p.stdout.trim()).rule, 'registered');
});

t.run();
