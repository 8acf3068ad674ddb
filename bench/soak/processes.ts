// The soak bench's child processes: `glase-pos simulator` and `glase-pos daemon`, each in its
// own process as on a till, started from dist/ (the production shape) or through tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url));

/** dist/src/cli.js when built (as on a till), else the sources through tsx (which costs RSS of its own) */
export function cliArgs(forceTsx: boolean): { args: string[]; shape: string } {
  if (!forceTsx && existsSync(`${ROOT}dist/src/cli.js`)) return { args: ['dist/src/cli.js'], shape: 'dist/src/cli.js' };
  return { args: ['--import', 'tsx', 'src/cli.ts'], shape: 'tsx src/cli.ts (run `npm run build` for the production shape)' };
}

export interface Child {
  proc: ChildProcess;
  /** the last lines it printed, for an error message */
  tail: string[];
  /** resolves with the first line matching re */
  line(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

export function startChild(cli: string[], args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = [], probe = false): Child {
  const proc = spawn(process.execPath, [...nodeFlags, ...(probe ? ['--expose-gc', '--import', PROBE] : []), ...cli, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...(probe ? (['ipc'] as const) : [])],
  });
  const tail: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const onLine = (l: string) => {
    tail.push(l);
    if (tail.length > 30) tail.shift();
    for (const w of [...waiters]) {
      const m = w.re.exec(l);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  createInterface({ input: proc.stdout! }).on('line', onLine);
  createInterface({ input: proc.stderr! }).on('line', onLine);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return {
    proc,
    tail,
    exited,
    line: (re, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no line ${re} within ${timeoutMs} ms; last output:\n${tail.join('\n')}`)), timeoutMs);
        void exited.then((c) => reject(new Error(`exited (${c}) before ${re}; last output:\n${tail.join('\n')}`)));
        waiters.push({ re, resolve: (m) => (clearTimeout(t), resolve(m)) });
      }),
  };
}

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** memory of a child started with probe = true, after a forced GC (bench/soak/probe.mjs) */
export function probeMemory(c: Child): Promise<Memory> {
  return ask(c, { probe: 'memory' }) as Promise<Memory>;
}

export function probeSnapshot(c: Child, file: string): Promise<string> {
  return ask(c, { probe: 'snapshot', file }).then((m) => (m as { file: string }).file);
}

let nextId = 1;
function ask(c: Child, msg: Record<string, unknown>): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve) => {
    const on = (m: { probe?: string; id?: number }) => {
      if (m?.id !== id) return;
      c.proc.off('message', on);
      resolve(m);
    };
    c.proc.on('message', on);
    c.proc.send({ ...msg, id });
  });
}

export async function stopChild(c: Child): Promise<number | null> {
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGTERM');
  return c.exited;
}
