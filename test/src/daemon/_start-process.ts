// Helpers for the `npm start` process tests: start it (through npm or scripts/start.mjs), read
// the URLs and the scanner's temp dir from its output, and see which processes, ports and
// folders are left after it was stopped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Started {
  child: ChildProcess;
  out(): string;
  apiPort: number;
  simPort: number;
  scannerDir: string;
}

/** Starts `npm start` or `node scripts/start.mjs` in its own process group and waits for the URLs. */
export async function startTill(how: 'npm' | 'script', env: Record<string, string>): Promise<Started> {
  const [cmd, args] = how === 'npm' ? ['npm', ['start']] : [process.execPath, ['scripts/start.mjs']];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    detached: true, // its own process group: the test can clean up whatever a failure leaves
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const end = Date.now() + 240_000; // a build on a small machine takes a while
  let ready: RegExpExecArray | null = null;
  while (!(ready = /till ready .*api=http:\/\/127\.0\.0\.1:(\d+) simulator=http:\/\/127\.0\.0\.1:(\d+).* scanner=(\S+)\/scanner-device/.exec(out)) || !/kiosk screen:/.test(out)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, out: () => out, apiPort: Number(ready![1]), simPort: Number(ready![2]), scannerDir: ready![3]! };
}

/** Every process below `pid` (pid, command line), from ps. */
export function descendants(pid: number): Array<{ pid: number; args: string }> {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout.trim().split('\n').map((l) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
    return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! };
  });
  const out: Array<{ pid: number; args: string }> = [];
  const walk = (p: number) => {
    for (const r of rows.filter((x) => x.ppid === p)) {
      out.push({ pid: r.pid, args: r.args });
      walk(r.pid);
    }
  };
  walk(pid);
  return out;
}

/** Alive and not a zombie (a container's pid 1 may never reap an orphan). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Waits until nothing of it is left; returns what is still there after `ms`. */
export async function leftovers(pids: number[], ports: number[], dirs: string[], ms = 30_000): Promise<string[]> {
  const end = Date.now() + ms;
  for (;;) {
    const left = [
      ...pids.filter(alive).map((p) => `process ${p}`),
      ...(await Promise.all(ports.map(async (p) => ((await portOpen(p)) ? `port ${p}` : '')))).filter(Boolean),
      ...dirs.filter((d) => existsSync(d)).map((d) => `folder ${d}`),
    ];
    if (left.length === 0 || Date.now() > end) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Kills the whole process group a failed test may have left. */
export function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    /* gone */
  }
}
