// The releases on the till: /opt/glase-pos (→ /data/app on the image) holds releases/<ver>,
// `current` (an atomic symlink), `trial` ("<candidate> <previous> <starts>", counted by the
// start gate), `trial-boot` (the boot the trial began in: the gate rolls back when a later boot
// finds the trial) and `last-rollback`. Installing refuses before anything lands in releases/.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateRefused, checkPayloadNames, readBundle } from './bundle-file.js';
import { compareVersions, manifestSchema, manifestSignedBy, sha256File, type Manifest } from './manifest.js';

export const APP_DIR = '/opt/glase-pos';
export const START_GATE = '/usr/lib/glase-pos/start-gate';

export const paths = (app: string) => ({
  releases: join(app, 'releases'),
  current: join(app, 'current'),
  trial: join(app, 'trial'),
  trialBoot: join(app, 'trial-boot'),
  lastRollback: join(app, 'last-rollback'),
});

/** the version `current` points at (releases/<version>), or undefined */
export function currentVersion(app: string): string | undefined {
  try {
    return readlinkSync(paths(app).current).replace(/^releases\//, '');
  } catch {
    return undefined;
  }
}

export function readTrial(app: string): { candidate: string; previous: string; starts: number } | undefined {
  try {
    const [candidate, previous, starts] = readFileSync(paths(app).trial, 'utf8').trim().split(/\s+/);
    return { candidate, previous, starts: Number(starts) };
  } catch {
    return undefined;
  }
}

export function lastRollback(app: string): string | undefined {
  try {
    return readFileSync(paths(app).lastRollback, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** write-then-rename, then fsync the directory: the file is either old or new after a power cut */
function writeAtomic(file: string, text: string, dir: string): void {
  writeFileSync(file + '.tmp', text);
  renameSync(file + '.tmp', file);
  fsyncDir(dir);
}

export interface InstallOptions {
  publicKeys: string[];
  arch: string;
  nodeAbi: string;
  allowDowngrade?: boolean;
}

/**
 * Verifies a bundle (signature, payload hash, arch, Node ABI, no downgrade, member names) and
 * unpacks it to releases/<version> (through <version>.partial and a rename). Throws
 * UpdateRefused before writing anything under releases/ when a check fails.
 */
export async function installBundle(app: string, bundle: string, opts: InstallOptions): Promise<Manifest> {
  const p = paths(app);
  const work = mkdtempSync(join(app, '.incoming-'));
  try {
    const { manifestBytes, signature, payload } = readBundle(bundle, work);
    if (!manifestSignedBy(manifestBytes, signature, opts.publicKeys)) throw new UpdateRefused('update.signature', `${bundle}: bad signature (no trusted update key signed its manifest)`);
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
    } catch (e) {
      throw new UpdateRefused('update.manifest', `${bundle}: signed manifest is not valid (${(e as Error).message.slice(0, 200)})`);
    }
    const { hex, bytes } = await sha256File(payload);
    if (hex !== manifest.payloadSha256 || bytes !== manifest.payloadBytes) throw new UpdateRefused('update.payload', `${bundle}: payload does not match its signed sha256`);
    if (manifest.arch !== opts.arch) throw new UpdateRefused('update.arch', `${bundle}: built for ${manifest.arch}, this till is ${opts.arch}`);
    if (manifest.nodeAbi !== opts.nodeAbi) throw new UpdateRefused('update.abi', `${bundle}: native modules for Node ABI ${manifest.nodeAbi}, this till runs ABI ${opts.nodeAbi}`);
    const running = currentVersion(app);
    if (running && manifest.version === running) throw new UpdateRefused('update.version', `${manifest.version} is already the current release`);
    if (running && compareVersions(manifest.version, running) < 0 && !opts.allowDowngrade) throw new UpdateRefused('update.downgrade', `${manifest.version} is older than the current ${running} (--allow-downgrade to go back on purpose)`);
    checkPayloadNames(payload);

    const dest = join(p.releases, manifest.version);
    const partial = dest + '.partial';
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync('tar', ['-xzf', payload, '-C', partial, '--no-same-owner']);
    execFileSync('sync', ['-f', partial]);
    if (existsSync(dest) || isLink(dest)) rmSync(dest, { recursive: true, force: true }); // an older copy of a release not running
    renameSync(partial, dest);
    fsyncDir(p.releases);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isLink = (f: string) => {
  try {
    return lstatSync(f).isSymbolicLink();
  } catch {
    return false;
  }
};

/** this boot of the machine (nspawn gives each container boot its own); the start gate compares it */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

/** puts version on trial: `trial` first (so a power cut after the switch still counts), then `current` */
export function switchTo(app: string, version: string): { previous: string } {
  const p = paths(app);
  const previous = currentVersion(app);
  if (!previous) throw new UpdateRefused('update.layout', `${p.current} is not a release symlink`);
  if (!statSync(join(p.releases, version)).isDirectory()) throw new UpdateRefused('update.layout', `release ${version} is not installed`);
  writeAtomic(p.trialBoot, `${bootId()}\n`, app);
  writeAtomic(p.trial, `${version} ${previous} 0\n`, app);
  rmSync(p.current + '.new', { force: true });
  symlinkSync(`releases/${version}`, p.current + '.new');
  renameSync(p.current + '.new', p.current); // rename(2) is atomic; `ln -sfn` unlinks first
  fsyncDir(app);
  return { previous };
}

/** the release on trial passed its health check: no more counting; keep it, the previous one and the factory release */
export function commit(app: string, previous: string): void {
  const p = paths(app);
  rmSync(p.trial, { force: true });
  rmSync(p.trialBoot, { force: true });
  fsyncDir(app);
  const keep = new Set([currentVersion(app), previous]);
  for (const name of readdirSync(p.releases)) {
    const dir = join(p.releases, name);
    if (keep.has(name) || isLink(dir)) continue; // the factory release is a link to the read-only root
    rmSync(dir, { recursive: true, force: true });
  }
}

/** the start gate's rollback, now (one rule, one place: the shell script the unit runs) */
export function rollbackNow(reason: string, gate = START_GATE, env: NodeJS.ProcessEnv = process.env): void {
  execFileSync(gate, ['--now', reason], { env, stdio: ['ignore', 'inherit', 'inherit'] });
}
