// Issue 11 §3: loading the daemon command as a till does (before any config is read) must not
// import what production does not run: the simulator, the emulators, the demo bootstrap, the
// USB and serial drivers and their native packages. They are imported only when the config
// asks for them (src/daemon/main.ts, devices.ts, drivers' create-printer/create-scanner).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const t = suite('the daemon imports only what production runs');

t('no simulator, emulator, demo, usb or serial module is loaded by the daemon command', () => {
  const hook = `data:text/javascript,${encodeURIComponent("export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }")}`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { register } from 'node:module'; register(${JSON.stringify(hook)}); await import('./src/commands/daemon.ts');`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7));
  assert.ok(loaded.some((u) => u.includes('/src/daemon/main.ts')), `the daemon was loaded (stderr: ${r.stderr.slice(0, 500)})`);
  const unwanted = loaded.filter((u) => /\/src\/simulator\/|\/drivers\/virtual\/|demo-bootstrap|embedded-simulator|\/drivers\/usb\/|usb-transport|usblp-transport|serial-transport|serial-scanner|usb-hid-scanner|node_modules\/(usb|serialport|@serialport)\//.test(u));
  assert.equal(unwanted, []);
});

t.run();
