#!/usr/bin/env node
// `npm start`: builds when dist/ is missing or older than any source file, then runs the till
// daemon with the demo bootstrap (embedded simulator, virtual printer and scanner, data under
// ./data). Ctrl-C stops it cleanly; a second start reuses the registration in ./data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist', 'src', 'cli.js');

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

function needsBuild() {
  if (!existsSync(entry)) return 'dist/ is missing';
  const built = statSync(entry).mtimeMs;
  const sources = Math.max(...['src', 'machines', 'drivers'].map((d) => newest(join(root, d))), ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs));
  return sources > built ? 'sources changed since the last build' : undefined;
}

const why = needsBuild();
if (why) {
  console.log(`building (${why}) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm start: the build failed; fix the errors above and run npm start again');
    process.exit(r.status ?? 1);
  }
}

const child = spawn(process.execPath, [entry, 'daemon'], {
  cwd: root,
  stdio: 'inherit',
  env: { GLASE_POS__DATA_DIR: join(root, 'data'), ...process.env, GLASE_POS_DEMO: '1' },
});
// Ctrl-C reaches the daemon through the terminal's process group; a signal sent to this
// process alone (kill, a supervisor) is passed on. The daemon ignores a repeat while stopping.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
