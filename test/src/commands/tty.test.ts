// The commands on a real terminal: `script` gives the child a pty, as a cashier's shell does.
// The reseller password prompt does not echo; pay redraws its state, asks "t = try again,
// c = cancel" when the window runs out, and Ctrl-C (a raw 0x03 byte) asks Glase to cancel.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESELLER, ROOT, control, runCli, startEnv, until, type Env } from './_cli.js';

const t = suite('glase-pos on a terminal');
let e: Env;
t.before(async () => {
  e = await startEnv({ env: { GLASE_POS__PAYMENT__WINDOW_MS: '2000' } });
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});

/** Runs `glase-pos …` on a pty; returns a handle to type into it and read what it shows. */
function onPty(args: string[]) {
  const cmd = ['node', '--import', 'tsx', 'src/cli.ts', ...args].join(' ');
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, env: { ...e.env, TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  child.stdout.on('data', (d) => (screen += d));
  child.stderr.on('data', (d) => (screen += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    type: (s: string) => child.stdin.write(s),
    screen: () => screen,
    waitFor: (re: RegExp, ms = 20_000) => until(() => re.test(screen), ms),
    exit,
  };
}

t('register: the password prompt does not echo what is typed', async () => {
  const p = onPty(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId]);
  await p.waitFor(/reseller password: /);
  p.type(RESELLER.password + '\r');
  assert.is(await p.exit, 0, p.screen());
  assert.match(p.screen(), /registered: terminalId [0-9a-f]{32}/);
  assert.not.ok(p.screen().includes(RESELLER.password), 'the password was echoed');
  assert.is((await runCli(['assign-id', 'TTYTILL1'], e.env)).code, 0);
});

t('pay: the question after the window, "t" opens a new window, then the customer pays', async () => {
  const p = onPty(['pay', '--amount', '5.00']);
  await p.waitFor(/t = try again, c = cancel/);
  p.type('t');
  // "t" opened a second window on the same invoice; when it runs out the question comes again
  await until(() => p.screen().split('t = try again, c = cancel').length - 1 === 2);
  const inv = (await control(e.sim, 'GET', '/simulator/invoices?glaseId=TTYTILL1')).json;
  assert.is(inv.status, 'ISSUED', 'the same invoice is still open');
  assert.is((await control(e.sim, 'POST', '/simulator/customer/pay', { glaseId: 'TTYTILL1' })).status, 200);
  assert.is(await p.exit, 0, p.screen());
  assert.match(p.screen(), /\[\d+ s\] live\.(window|question)/, 'the state line with its seconds');
  assert.match(p.screen(), /PAID 5\.00 SEK, ersReference \d{25}/);
});

t('pay: Ctrl-C asks to cancel; Glase confirms; exit 1', async () => {
  const p = onPty(['pay', '--amount', '6.00']);
  await p.waitFor(/live\.window/);
  p.type('\u0003');
  assert.is(await p.exit, 1, p.screen());
  assert.match(p.screen(), /Ctrl-C: cancelling the payment/);
  assert.match(p.screen(), /NOT PAID \(cancelled\)/);
});

t.run();
