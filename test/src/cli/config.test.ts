// Issue 9 item 16: `status` once checked another server than the daemon's, because a command
// without --config fell back to built-in defaults while the daemon read its config file. Now
// every command (the daemon is one) reads the same file by default: --config, else
// $GLASE_POS_CONFIG, else the default file when it exists. The default path is injected here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_CONFIG_FILE, commandConfig, configFile } from '../../../src/cli/config.js';
import { CommandExit } from '../../../src/cli/exit.js';
import { run as status } from '../../../src/commands/status.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { openStore } from '../../../src/store/store.js';

const t = suite('the config a command reads');
let dir: string;
t.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-cliconf-'));
});
t.after.each(() => rmSync(dir, { recursive: true, force: true }));

t('the default is the file the systemd unit gives the daemon', async () => {
  const { readFileSync } = await import('node:fs');
  assert.is(DEFAULT_CONFIG_FILE, '/etc/glase-pos/config.json');
  assert.match(readFileSync(new URL('../../../systemd/glase-pos.service', import.meta.url), 'utf8'), /GLASE_POS_CONFIG=\/etc\/glase-pos\/config\.json/);
});

t('order: --config, then $GLASE_POS_CONFIG, then the default file if it exists, else none', () => {
  const def = join(dir, 'config.json');
  writeFileSync(def, '{}');
  assert.is(configFile('/x/flag.json', { env: { GLASE_POS_CONFIG: '/x/env.json' }, defaultFile: def }), '/x/flag.json');
  assert.is(configFile(undefined, { env: { GLASE_POS_CONFIG: '/x/env.json' }, defaultFile: def }), '/x/env.json');
  assert.is(configFile(undefined, { env: {}, defaultFile: def }), def);
  assert.is(configFile(undefined, { env: {}, defaultFile: join(dir, 'missing.json') }), undefined);
  assert.is(configFile(undefined, { env: {}, defaultFile: join(def, 'under-a-file.json') }), undefined);
});

t('the data dir and server come from the default file; GLASE_POS__ variables still override', () => {
  const def = join(dir, 'config.json');
  writeFileSync(def, JSON.stringify({ dataDir: join(dir, 'till'), glase: { url: 'https://glase.example/soap' } }));
  const c = commandConfig(undefined, { env: {}, defaultFile: def });
  assert.equal([c.dataDir, c.glase.url], [join(dir, 'till'), 'https://glase.example/soap']);
  const o = commandConfig(undefined, { env: { GLASE_POS__DATA_DIR: '/elsewhere' }, defaultFile: def });
  assert.is(o.dataDir, '/elsewhere');
});

t('a broken default file is reported (exit 2, names the file), never silently replaced by defaults', () => {
  const def = join(dir, 'config.json');
  writeFileSync(def, '{"dataDir": ');
  try {
    commandConfig(undefined, { env: {}, defaultFile: def });
    assert.unreachable('no error');
  } catch (e) {
    assert.instance(e, CommandExit);
    assert.is((e as CommandExit).exitCode, 2);
    assert.match((e as Error).message, new RegExp(`config file ${def}: is not valid JSON`));
  }
});

t('status without --config checks the server and data dir of the default file', async () => {
  const sim = await startSimulator({ port: 0 });
  try {
    const dataDir = join(dir, 'till');
    const store = openStore(dataDir);
    store.credentials.saveRegistration({ terminalId: 'T-FROM-DEFAULT', terminalPassword: 'x', externalTerminalId: 'till-1', registeredAt: new Date().toISOString() });
    store.close();
    const def = join(dir, 'config.json');
    writeFileSync(def, JSON.stringify({ dataDir, glase: { url: sim.soapUrl } }));
    const [log, err] = [console.log, console.error];
    let out = '';
    console.log = (s: string) => (out += s);
    console.error = () => {};
    try {
      await status(['--json'], { env: {}, defaultFile: def });
    } finally {
      [console.log, console.error] = [log, err];
    }
    const s = JSON.parse(out);
    assert.equal([s.server.url, s.server.reachable, s.terminalId], [sim.soapUrl, true, 'T-FROM-DEFAULT']);
  } finally {
    await sim.close();
  }
});

t.run();
