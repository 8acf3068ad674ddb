#!/usr/bin/env node
// `npm start`: builds when dist/ is missing or older than any source file, then runs the till
// daemon with the demo bootstrap (embedded simulator, virtual printer and scanner, data under
// ./data). Ctrl-C stops it cleanly; a second start reuses the registration in ./data.
// The daemon dies with this process however it is stopped: signals are passed on, it is
// stopped when this process's parent (npm, its sh) goes away, and it watches a pipe from
// this process (fd 3, its lifeline) so even a SIGKILL here stops it.
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
  stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
  env: { GLASE_POS__DATA_DIR: join(root, 'data'), ...process.env, GLASE_POS_DEMO: '1', GLASE_POS_LIFELINE_FD: '3' },
});
let stopping = false;
const stop = (sig) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // a repeat (terminal Ctrl-C reaches both of us) is passed on too: the daemon ignores it while stopping
  stopping = true;
  child.kill(sig);
};
// Ctrl-C reaches the daemon through the terminal's process group; a signal sent to this
// process alone (kill <pid>, a supervisor) is passed on.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig === 'SIGHUP' ? 'SIGTERM' : sig));
// `kill <npm pid>`: npm passes SIGTERM to its sh, and sh dies without passing it on; this
// process is then re-parented. Seeing that, stop the daemon as for SIGTERM.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphaned);
  stop('SIGTERM');
}, 250);
orphaned.unref();
child.on('exit', (code, signal) => {
  clearInterval(orphaned);
  process.exit(code ?? (signal ? (stopping ? 0 : 1) : 0));
});
