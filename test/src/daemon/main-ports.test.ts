// `npm start` / the daemon with busy ports (issue 9): a taken api.port or simulator.port is
// named with the setting to change (config key and GLASE_POS__… variable), never a raw
// EADDRINUSE; a simulator already on simulator.port is used only when it proves to be this
// till's (its identity is the one in this data dir's simulator.sqlite), never another project's.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../../src/config.js';
import { startDaemon, type DaemonHandle } from '../../../src/daemon/main.js';
import { silentLogger } from '../../../src/lib/log.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { ROOT } from './_start-process.js';

const t = suite('daemon: busy ports');
const root = mkdtempSync(join(tmpdir(), 'glase-ports-'));
let n = 0;
t.after(() => rmSync(root, { recursive: true, force: true }));

const dataDir = () => join(root, `till-${++n}`);
const config = (dir: string, api: number, sim: number) => loadConfig({ env: {}, overrides: { dataDir: dir, api: { port: api }, simulator: { port: sim }, scanner: { kind: 'none' }, printer: { kind: 'none' } } });
const start = (dir: string, api: number, sim: number) => startDaemon(config(dir, api, sim), { log: silentLogger, demo: true, notify: false, say: () => {} });

async function listening<T extends Server | HttpServer>(server: T): Promise<[T, number]> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return [server, (server.address() as { port: number }).port];
}
const close = (s: Server | HttpServer) =>
  new Promise((r) => {
    s.close(r);
    if ('closeAllConnections' in s) s.closeAllConnections(); // the till's keep-alive probe would hold it open
  });

async function refusal(p: Promise<DaemonHandle>): Promise<string> {
  try {
    const d = await p;
    await d.stop();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the daemon started');
}

t('a busy api.port names api.port and GLASE_POS__API__PORT; nothing is left held', async () => {
  const [busy, port] = await listening(createServer());
  try {
    const dir = dataDir();
    const msg = await refusal(start(dir, port, 0));
    assert.is(msg, `api.port ${port}: another program already listens on 127.0.0.1:${port}; stop it, or give this till another port: "api.port" in the config file or GLASE_POS__API__PORT=<port> in the environment (for example GLASE_POS__API__PORT=${port + 1})`);
    const d = await start(dir, 0, 0); // the lock, the store and the simulator were released
    await d.stop();
  } finally {
    await close(busy);
  }
});

t('another project\'s simulator on simulator.port is not used', async () => {
  const foreign = await startSimulator({ port: 0 }); // its own data, not this till's
  try {
    const port = Number(new URL(foreign.url).port);
    const msg = await refusal(start(dataDir(), 0, port));
    assert.match(msg, new RegExp(`^simulator\\.port ${port}: a Glase simulator answers there, but not the one with this till's data \\(.*simulator\\.sqlite\\); this till never uses another's simulator; stop it, or give this till another port: "simulator\\.port" in the config file or GLASE_POS__SIMULATOR__PORT=<port>`));
  } finally {
    await foreign.close();
  }
});

t('any other program on simulator.port: answering HTTP (even our WSDL path), or silent', async () => {
  const [web, port] = await listening(createHttpServer((_req, res) => res.end('<definitions/>')));
  try {
    assert.match(await refusal(start(dataDir(), 0, port)), new RegExp(`^simulator\\.port ${port}: another program answers there \\(not a Glase simulator\\); stop it, or give this till another port: .*GLASE_POS__SIMULATOR__PORT=`));
  } finally {
    await close(web);
  }
  const held = new Set<import('node:net').Socket>(); // accepted and never answered
  const [silent, port2] = await listening(createServer((s) => (held.add(s), s.on('error', () => {}))));
  try {
    assert.match(await refusal(start(dataDir(), 0, port2)), new RegExp(`^simulator\\.port ${port2}: another program already listens on 127\\.0\\.0\\.1:${port2}; stop it, or`));
  } finally {
    for (const s of held) s.destroy();
    await close(silent);
  }
});

t('this till\'s own simulator (started by hand with its data) is reused', async () => {
  const dir = dataDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ours = await startSimulator({ port: 0, dbFile: join(dir, 'simulator.sqlite') });
  try {
    const port = Number(new URL(ours.url).port);
    const d = await start(dir, 0, port);
    try {
      assert.is(d.simulatorUrl, ours.url);
      assert.ok(d.demo, 'the demo registered with it');
    } finally {
      await d.stop();
    }
    const state = await (await fetch(`${ours.url}/simulator/state`)).json();
    assert.is(state.terminals.length, 1, 'the till registered in the simulator that was already running');
  } finally {
    await ours.close();
  }
});

t('npm start: the busy-port message reaches the user and npm start ends (exit 1)', async () => {
  const [busy, port] = await listening(createServer());
  try {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GLASE_POS__DATA_DIR: dataDir(), GLASE_POS__API__PORT: String(port), GLASE_POS__SIMULATOR__PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const kill = setTimeout(() => child.kill('SIGKILL'), 240_000);
    const code = await new Promise((r) => child.on('close', r));
    clearTimeout(kill);
    assert.is(code, 1, out);
    assert.match(out, new RegExp(`glase-pos daemon: api\\.port ${port}: another program already listens on 127\\.0\\.0\\.1:${port}; stop it, or give this till another port: "api\\.port" in the config file or GLASE_POS__API__PORT=<port>`));
  } finally {
    await close(busy);
  }
});

t.run();
