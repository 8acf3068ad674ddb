// Restart → resumed polling (figures, not pass/fail): a real `glase-pos pay` process waits
// for a customer; it is killed with SIGKILL and a new till process (`glase-pos recover --wait`)
// is started at once. Measured at the simulator (its log line of each getPaymentStatus): the
// time from the SIGKILL to the first status poll of the resumed payment. Target ≤ 2 s.
// Also shows how much of it is starting node + loading the code (the same process, `--help`).
// Run: npm run bench:restart [-- --n 10] [--dist]   (--dist: the built dist/src/cli.js, as on a
// till; run `npm run build` first)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/lib/log.js';
import { startSimulator } from '../src/simulator/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 10);
const DIST = process.argv.includes('--dist');
const CLI = DIST ? ['dist/src/cli.js'] : ['--import', 'tsx', 'src/cli.ts'];

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return `p50 ${(q(0.5) / 1000).toFixed(3)} s  max ${(s[s.length - 1] / 1000).toFixed(3)} s  min ${(s[0] / 1000).toFixed(3)} s`;
}

const cli = (args: string[], env: NodeJS.ProcessEnv): ChildProcess => spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('close', () => r())));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const polls: Array<{ at: number; principal: string }> = [];
  const log = createLogger({
    write: (line) => {
      if (line.includes('operation=getPaymentStatus')) polls.push({ at: performance.now(), principal: /principal=(\S+)/.exec(line)?.[1] ?? '' });
    },
  });
  const sim = await startSimulator({ port: 0, log });
  const ctl = async (path: string, body: unknown) => (await fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<any>;
  await ctl('/simulator/resellers', { resellerId: 'bench', userId: '9900', password: 'bench-pw' });
  const dir = mkdtempSync(join(tmpdir(), 'bench-restart-'));
  const env = { ...process.env, NO_COLOR: '1', GLASE_POS__DATA_DIR: join(dir, 'data'), GLASE_POS__GLASE__URL: sim.soapUrl };
  const run = async (args: string[], input = '') => {
    const c = cli(args, env);
    c.stdin!.end(input);
    c.stdout!.resume();
    await exited(c);
    if (c.exitCode !== 0) throw new Error(`glase-pos ${args[0]} failed (${c.exitCode})`);
  };
  await run(['register', '--reseller', 'bench', '--user', '9900'], 'bench-pw\n');
  await run(['assign-id', 'RESTART1']);

  const resume: number[] = [];
  const startup: number[] = [];
  console.log(`SIGKILL + restart → first resumed poll, ${N} runs (${DIST ? 'dist/src/cli.js' : 'node --import tsx src/cli.ts'})…`);
  for (let i = 0; i < N; i++) {
    const pay = cli(['pay', '--amount', '10.00', '--json'], env);
    pay.stdin!.end();
    await new Promise<void>((resolve) => createInterface({ input: pay.stdout! }).on('line', (l) => JSON.parse(l).state === 'live.window' && resolve()));
    await sleep(300 + Math.random() * 1000); // somewhere in the poll cycle
    const killedAt = performance.now();
    pay.kill('SIGKILL');
    const rec = cli(['recover', '--wait', '--json'], env);
    rec.stdin!.end();
    rec.stdout!.resume();
    await exited(pay);
    while (!polls.some((p) => p.at > killedAt)) await sleep(1);
    resume.push(polls.find((p) => p.at > killedAt)!.at - killedAt);
    await ctl('/simulator/customer/pay', { glaseId: 'RESTART1' });
    await exited(rec);
    // the cost of starting node and loading the command alone
    const t0 = performance.now();
    const h = cli(['recover', '--help'], env);
    h.stdout!.resume();
    await exited(h);
    startup.push(performance.now() - t0);
  }
  console.log(`SIGKILL → first resumed getPaymentStatus at the simulator:  ${stats(resume)}   (target ≤ 2 s)`);
  console.log(`of which starting node + loading the command (\`recover --help\`):  ${stats(startup)}`);
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
