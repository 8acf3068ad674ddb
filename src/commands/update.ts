// `glase-pos update <bundle>` (as root, on the till): verify a signed bundle, install it next
// to the running release, wait until no payment runs, back up the database, switch `current`
// atomically, restart, and keep the release only if it passes the health gate; otherwise the
// previous release comes back (here, or by the start gate / OnFailure= if this process dies).
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { DB_FILE } from '../store/store.js';
import { UpdateRefused } from '../update/bundle-file.js';
import { debianArch } from '../update/manifest.js';
import { APP_DIR, commit, currentVersion, installBundle, lastRollback, readTrial, rollbackNow, switchTo } from '../update/releases.js';
import { apiAnswers, isReady, paymentInFlight, unitState } from '../update/health.js';
import { EXIT, CommandExit, runCommand, usage } from '../cli/exit.js';
import { commandConfig } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';

const KEYS_DIR = '/usr/share/glase-pos/update-keys';
const TOKEN_FILE = '/data/credentials/api-token';

const HELP = `usage: glase-pos update <bundle> [--health-timeout S] [--settle S] [--payment-wait S] [--allow-downgrade] [--config FILE]

  --health-timeout S   seconds the new release has to reach READY and answer (default 90)
  --settle S           seconds it must then stay up without a restart (default 20)
  --payment-wait S     seconds to wait for a running payment to end (default 600)
  --allow-downgrade    install an older version on purpose

Runs as root on the till. Exit 0: updated; 1: refused, or rolled back (the reason is printed,
in the journal and in \`glase-pos status\`); 2: bad usage.`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (v: string | undefined, name: string, d: number) => {
  if (v === undefined) return d;
  if (!/^\d+$/.test(v)) throw usage(`--${name}`, 'must be a whole number of seconds', HELP);
  return Number(v);
};

export function run(argv: string[]): Promise<number> {
  return runCommand('update', async () => {
    const { values, positionals } = parseCommand(
      argv,
      { 'health-timeout': { type: 'string' }, settle: { type: 'string' }, 'payment-wait': { type: 'string' }, 'allow-downgrade': { type: 'boolean' }, config: { type: 'string' } },
      HELP,
      true,
    );
    if (positionals.length !== 1) throw usage('bundle', 'exactly one bundle file is required', HELP);
    const healthMs = seconds(values['health-timeout'], 'health-timeout', 90) * 1000;
    const settleMs = seconds(values.settle, 'settle', 20) * 1000;
    const paymentWaitMs = seconds(values['payment-wait'], 'payment-wait', 600) * 1000;
    if (process.getuid?.() !== 0) throw new CommandExit(EXIT.usage, 'must run as root (it writes the releases and restarts glase-pos.service)');
    const config = commandConfig(values.config);
    const apiUrl = `http://${config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host}:${config.api.port}`;
    const token = existsSync(TOKEN_FILE) ? readFileSync(TOKEN_FILE, 'utf8').trim() || undefined : config.api.token;
    const publicKeys = existsSync(KEYS_DIR) ? readdirSync(KEYS_DIR).filter((f) => f.endsWith('.pem')).map((f) => readFileSync(join(KEYS_DIR, f), 'utf8')) : [];
    if (publicKeys.length === 0) throw new CommandExit(EXIT.failed, `no update keys in ${KEYS_DIR}: this image accepts no bundles`);
    if (readTrial(APP_DIR)) throw new CommandExit(EXIT.failed, 'a release is still on trial: wait for its update to finish');

    let manifest;
    try {
      manifest = await installBundle(APP_DIR, positionals[0], { publicKeys, arch: debianArch(), nodeAbi: process.versions.modules });
    } catch (e) {
      if (e instanceof UpdateRefused) throw new CommandExit(EXIT.failed, `refused: ${e.message}`);
      throw e;
    }
    const from = currentVersion(APP_DIR)!;
    console.log(`installed ${manifest.version} next to ${from}`);

    // never switch under a running payment (it would resume after the restart, but the
    // cashier would see the screen go away mid-payment)
    const waitEnd = Date.now() + paymentWaitMs;
    while ((await paymentInFlight(apiUrl, token)) === true) {
      if (Date.now() > waitEnd) throw new CommandExit(EXIT.failed, `a payment is still running after ${paymentWaitMs / 1000} s; ${manifest.version} stays installed but not switched: run the update again`);
      await sleep(1000);
    }

    // the new release may migrate the database: keep a copy from before it
    const db = join(config.dataDir, DB_FILE);
    if (existsSync(db)) {
      mkdirSync(join(config.dataDir, 'backup'), { recursive: true, mode: 0o700 });
      const backup = join(config.dataDir, 'backup', `pre-${manifest.version}.db`);
      const src = new Database(db, { readonly: true, fileMustExist: true });
      try {
        await src.backup(backup);
      } finally {
        src.close();
      }
      console.log(`database backed up to ${backup}`);
    }

    const startedAt = Date.now();
    switchTo(APP_DIR, manifest.version);
    console.log(`switched current → ${manifest.version} (on trial), restarting glase-pos.service`);
    execFileSync('systemctl', ['restart', '--no-block', 'glase-pos.service']);

    // the health gate
    let healthySince: number | undefined;
    let healthyPid = '';
    let restarts = '';
    while (Date.now() - startedAt < healthMs + settleMs) {
      await sleep(500);
      if (!readTrial(APP_DIR)) {
        const why = lastRollback(APP_DIR) ?? 'the start gate rolled it back';
        console.error(`rolled back: ${why}`);
        return EXIT.failed;
      }
      const s = unitState();
      if (isReady(s) && (await apiAnswers(`${apiUrl}/api/status`, token))) {
        if (healthySince === undefined || s.MainPID !== healthyPid || s.NRestarts !== restarts) {
          healthySince = Date.now();
          healthyPid = s.MainPID;
          restarts = s.NRestarts;
        } else if (Date.now() - healthySince >= settleMs) {
          commit(APP_DIR, from);
          console.log(`updated ${from} → ${manifest.version} (READY, API answering, up ${settleMs / 1000} s without a restart)`);
          return EXIT.ok;
        }
      } else healthySince = undefined;
      if (healthySince === undefined && Date.now() - startedAt > healthMs) break;
    }
    const s = unitState();
    const reason = `health check failed: not READY and answering within ${healthMs / 1000} s (${s.ActiveState}/${s.SubState}, NRestarts ${s.NRestarts})`;
    if (readTrial(APP_DIR)) {
      rollbackNow(reason);
      execFileSync('systemctl', ['restart', '--no-block', 'glase-pos.service']);
    }
    console.error(`rolled back: ${lastRollback(APP_DIR) ?? reason}`);
    return EXIT.failed;
  });
}
