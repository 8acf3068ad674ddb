// Runs the real `glase-pos` command in child processes against a real simulator (in the test
// process, on a loopback port) and a temp data dir. Used by the command and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RESELLER = { resellerId: 'shop1', userId: '9900', password: 'reseller-secret-pw' };

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Env {
  sim: Simulator;
  dir: string;
  env: NodeJS.ProcessEnv;
}

export async function startEnv(opts: { reversalMs?: number; env?: Record<string, string> } = {}): Promise<Env> {
  const sim = await startSimulator({ port: 0, reversalMs: opts.reversalMs ?? 20_000 });
  await control(sim, 'POST', '/simulator/resellers', RESELLER);
  return { sim, ...newTill(sim, opts.env) };
}

/** A fresh data dir (a new till) against the same simulator. */
export function newTill(sim: Simulator, extra: Record<string, string> = {}): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'glase-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    GLASE_POS__DATA_DIR: join(dir, 'data'),
    GLASE_POS__GLASE__URL: sim.soapUrl,
    ...extra,
  };
  return { dir, env };
}

/** Runs a command in this process and captures what it printed on stdout and stderr. */
export async function capture(f: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const [log, error] = [console.log, console.error];
  let out = '';
  let err = '';
  console.log = (s: unknown) => (out += `${s}\n`);
  console.error = (s: unknown) => (err += `${s}\n`);
  try {
    return { code: await f(), out, err };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

export async function control(sim: Simulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(sim.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs a command to its end; `input` is written to stdin (then closed). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliResult> {
  const child = spawnCli(args, env);
  return collect(child, input);
}

export function collect(child: ChildProcess, input?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  if (input !== undefined) child.stdin!.end(input);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** JSON lines of a running command, as they arrive. */
export function jsonEvents(child: ChildProcess): { events: any[]; waitFor(pred: (e: any) => boolean, ms?: number): Promise<any> } {
  const events: any[] = [];
  const waiters: Array<{ pred: (e: any) => boolean; resolve: (e: any) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let e: any;
    try {
      e = JSON.parse(line);
    } catch {
      throw new Error(`not a JSON line on stdout: ${line}`);
    }
    events.push(e);
    for (const w of [...waiters]) if (w.pred(e)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(e));
  });
  return {
    events,
    waitFor(pred, ms = 20_000) {
      const hit = events.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((x) => x.state ?? x.type))}`)), ms);
        waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
  };
}

/** Registers the till of `env` with a fresh Glase ID through the real commands. */
export async function registerTill(env: NodeJS.ProcessEnv, glaseId: string): Promise<string> {
  const r = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], env, RESELLER.password + '\n');
  if (r.code !== 0) throw new Error(`register failed: ${r.stderr}`);
  const a = await runCli(['assign-id', glaseId], env);
  if (a.code !== 0) throw new Error(`assign-id failed: ${a.stderr}`);
  return /terminalId (\w+)/.exec(r.stdout)![1];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy. */
export async function until<T>(fn: () => T | Promise<T>, ms = 20_000, every = 10): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await sleep(every);
  }
}
