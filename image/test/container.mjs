// A booted image under systemd-nspawn, driven from the host: `--register=no` means no
// machined (no machinectl / systemctl -M), so commands run through nsenter into the
// container's namespaces, and HTTP goes through its private network namespace.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HTTP_HELPER = fileURLToPath(new URL('./http-in-netns.mjs', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Boots ROOT read-only with DATA bound to /data. binds: [[hostPath, containerPath, 'ro'|'rw']].
 * The console goes to logFile.
 */
export async function boot({ root, data, binds = [], uuid, logFile }) {
  const args = ['--register=no', '--keep-unit', '--quiet', '-D', root, '--read-only', `--bind=${data}:/data`, '--private-network', `--uuid=${uuid}`, '--console=pipe'];
  for (const [from, to, mode] of binds) args.push(`${mode === 'rw' ? '--bind' : '--bind-ro'}=${from}:${to}`);
  args.push('--boot');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn('systemd-nspawn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // two writers: neither may end the log (a write after end would throw)
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let leader;
  for (let i = 0; i < 100 && !leader; i++) {
    await sleep(100);
    const r = spawnSync('pgrep', ['-P', String(child.pid), '-x', 'systemd'], { encoding: 'utf8' });
    leader = Number(r.stdout.trim().split('\n')[0]) || undefined;
    if (child.exitCode !== null) break;
  }
  if (!leader) {
    // nspawn's own words (cgroups, namespaces, a refused mount) are the precise reason
    child.kill('SIGKILL');
    await exited;
    await sleep(300); // the log stream flushes asynchronously
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n') : '';
    throw new Error(`systemd-nspawn did not start the container (exit ${child.exitCode ?? child.signalCode}); its last output (${logFile}):\n${tail}`);
  }
  return new Container(child, leader, exited);
}

export class Container {
  constructor(child, leader, exited) {
    this.child = child;
    this.leader = leader;
    this.exited = exited;
  }
  /** runs a command inside (all namespaces of PID 1); {code, out, err} */
  run(cmd, { input, timeoutMs = 60_000 } = {}) {
    const r = spawnSync('nsenter', ['-t', String(this.leader), '-m', '-u', '-i', '-n', '-p', '-C', '--', ...cmd], { encoding: 'utf8', input, timeout: timeoutMs });
    return { code: r.status, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
  }
  sh(script, opts) {
    return this.run(['/bin/sh', '-c', script], opts);
  }
  /** systemctl show as an object */
  show(unit, props) {
    const r = this.run(['systemctl', 'show', unit, ...props.flatMap((p) => ['-p', p])]);
    return Object.fromEntries(r.out.trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  }
  /** HTTP to 127.0.0.1 inside the container: {status, body} */
  async http(method, url, { body, token } = {}) {
    const r = spawnSync('nsenter', ['-t', String(this.leader), '-n', '--', process.execPath, HTTP_HELPER, method, url, body === undefined ? '' : JSON.stringify(body), token ?? ''], { encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${method} ${url}: ${r.stderr || r.error}`);
    return JSON.parse(r.stdout);
  }
  async journal(unit, since = '') {
    return this.run(['journalctl', '--no-pager', '-o', 'cat', ...(unit ? ['-u', unit] : []), ...(since ? ['--since', since] : [])]).out;
  }
  /** clean shutdown; resolves with nspawn's exit */
  async poweroff(timeoutMs = 60_000) {
    this.run(['systemctl', 'poweroff', '--no-block']);
    return this.waitExit(timeoutMs);
  }
  /** a power cut: SIGKILL to the container's PID 1 takes down its whole PID namespace */
  async powerCut() {
    process.kill(this.leader, 'SIGKILL');
    return this.waitExit(30_000);
  }
  async waitExit(timeoutMs) {
    const t = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(t);
    return code;
  }
}

/** polls f() until it returns a truthy value or the time is up (then returns undefined) */
export async function until(f, timeoutMs, everyMs = 500) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) return undefined;
    await sleep(everyMs);
  }
}
