// `glase-pos daemon` as a real process with the demo bootstrap: it starts, answers
// /api/status ready, tells systemd READY=1, exits 0 on SIGTERM with its emulators gone, and a
// second start reuses the registration. `glase-pos set-pin` stores a PIN from stdin.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PIN_KEY, verifyPin, type StoredPin } from '../../../src/api/pin.js';
import { openStore } from '../../../src/store/store.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const t = suite('glase-pos daemon (real process)');
let dir: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    GLASE_POS_DEMO: '1',
    GLASE_POS__DATA_DIR: join(dir, 'data'),
    GLASE_POS__API__PORT: '0',
    GLASE_POS__SIMULATOR__PORT: '0',
    ...extra,
  };
}

interface Running {
  child: ChildProcess;
  out: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// every daemon a test started, so a failed test cannot leave one running (it would hold the
// data dir and keep this process alive)
const started = new Set<ChildProcess>();

function start(e: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'daemon'], { cwd: ROOT, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  child.on('exit', () => started.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  return { child, out: () => out, exit };
}

async function waitLine(r: Running, re: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = re.exec(r.out());
    if (m) return m;
    if (Date.now() > end || r.child.exitCode !== null) throw new Error(`no ${re} in the daemon output:\n${r.out()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

t.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-daemon-'));
});
t.after.each(async () => {
  for (const child of started) {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
  }
});
t.after(() => rmSync(dir, { recursive: true, force: true }));

t('starts with the demo, is ready, says READY=1 to systemd, exits 0 on SIGTERM and leaves no emulator behind', async () => {
  const notifySock = join(dir, 'notify.sock');
  const listener = spawn('socat', ['-u', `UNIX-RECV:${notifySock}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let notified = '';
  listener.stdout!.on('data', (d) => (notified += d));
  while (!existsSync(notifySock)) await new Promise((r) => setTimeout(r, 20));

  const d = start(env({ NOTIFY_SOCKET: notifySock }));
  const [, api, sim, scannerDev] = await waitLine(d, /till ready .*api=(\S+) simulator=(\S+) phone=\S+ printer="emulator [^"]+" scanner=(\S+)/);
  await waitLine(d, /phone page: +http:\/\/127\.0\.0\.1:\d+\/phone/); // printed just after the log line
  assert.match(d.out(), /demo: till registered/);
  assert.match(d.out(), /demo: the admin PIN is 1234; change it with glase-pos set-pin/);
  assert.match(d.out(), new RegExp(`kiosk screen: ${api.replace(/[.]/g, '\\.')}/`));
  assert.match(d.out(), /phone page: +http:\/\/127\.0\.0\.1:\d+\/phone/);
  assert.not.match(d.out(), /demo-password/);
  const st = await (await fetch(api + '/api/status')).json();
  assert.is(st.setup.state, 'ready');
  assert.is(st.setup.glaseId, 'GLASEDEMO1');
  for (let i = 0; i < 100 && !(await (await fetch(api + '/api/readiness')).json()).ready; i++) await new Promise((r) => setTimeout(r, 100));
  assert.is((await (await fetch(api + '/api/readiness')).json()).ready, true);
  assert.ok(existsSync(scannerDev), 'the scanner emulator pty exists while running');
  for (let i = 0; i < 100 && !notified.includes('READY=1'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(notified, /READY=1/);
  assert.match(notified, new RegExp(`MAINPID=${d.child.pid}`));

  d.child.kill('SIGTERM');
  const ex = await d.exit;
  assert.equal(ex, { code: 0, signal: null }, d.out());
  assert.match(d.out(), /stopping .*signal=SIGTERM/);
  assert.match(d.out(), /stopped/);
  assert.not.ok(existsSync(scannerDev), 'socat stopped: the pty link is gone');
  const gone = await fetch(sim + '/simulator/state').then(() => false, () => true);
  assert.ok(gone, 'the embedded simulator stopped');
  listener.kill();
  // the database was closed cleanly: it opens and keeps the registration
  const store = openStore(join(dir, 'data'));
  assert.ok(store.credentials.get()?.terminalId);
  store.close();
});

t('a second start reuses the registration and the PIN; SIGINT also exits 0', async () => {
  const before = openStore(join(dir, 'data'));
  const terminalId = before.credentials.get()!.terminalId;
  before.close();
  const d = start(env());
  const [, api] = await waitLine(d, /till ready .*api=(\S+)/);
  assert.not.match(d.out(), /demo: till registered/);
  assert.not.match(d.out(), /admin PIN is/);
  const st = await (await fetch(api + '/api/status')).json();
  assert.equal([st.setup.terminalId, st.setup.glaseId], [terminalId, 'GLASEDEMO1']);
  const twin = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'daemon'], { cwd: ROOT, env: env(), encoding: 'utf8' });
  assert.is(twin.status, 1, 'a second daemon on the same data dir refuses to start');
  assert.match(twin.stderr, new RegExp(`another till process \\(pid ${d.child.pid}\\)`));
  assert.is((await fetch(api + '/api/status')).status, 200, 'the first one is unharmed');
  d.child.kill('SIGINT');
  assert.equal(await d.exit, { code: 0, signal: null }, d.out());
});

t('a bad config stops the start with exit 2 and names the key; a taken API port exits 1 and says why', async () => {
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'daemon'], { cwd: ROOT, env: env({ GLASE_POS__PRINTER__KIND: 'tcp' }), encoding: 'utf8' });
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /printer\.host: is required when printer\.kind is tcp/);
  const net = await import('node:net');
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as import('node:net').AddressInfo).port;
  const d = start(env({ GLASE_POS__API__PORT: String(port) }));
  const ex = await d.exit;
  blocker.close();
  assert.is(ex.code, 1, d.out());
  assert.match(d.out(), /EADDRINUSE/);
});

t('set-pin reads the PIN from stdin, stores it hashed, refuses bad PINs by rule without echoing them', () => {
  const run = (input: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'set-pin'], { cwd: ROOT, env: env(), input, encoding: 'utf8' });
  const bad = run('12ab\n');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /pin: must be 4-12 digits/);
  assert.not.match(bad.stderr + bad.stdout, /12ab/);
  const ok = run('482913\n');
  assert.is(ok.status, 0, ok.stderr);
  assert.not.match(ok.stdout + ok.stderr, /482913/);
  const store = openStore(join(dir, 'data'));
  const stored = store.settings.get<StoredPin>(PIN_KEY)!;
  assert.ok(verifyPin('482913', stored));
  assert.not.ok(verifyPin('1234', stored));
  assert.ok(store.audit.list().some((a) => a.action === 'set-pin' && a.actor === 'admin@cli'));
  store.close();
  assert.not.match(readFileSync(join(dir, 'data', 'glase-pos.sqlite')).toString('latin1'), /482913/);
});

t.run();
