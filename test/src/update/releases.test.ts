// Installing signed bundles into a releases directory, switching `current`, and the start
// gate's rollback (the shell script the unit runs), on a temporary app directory.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBundle } from '../../../src/update/make-bundle.js';
import { UpdateRefused } from '../../../src/update/bundle-file.js';
import { commit, currentVersion, installBundle, lastRollback, readTrial, rollbackNow, switchTo } from '../../../src/update/releases.js';

const GATE = fileURLToPath(new URL('../../../image/rootfs/usr/lib/glase-pos/start-gate', import.meta.url));
const keys = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { priv: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, pub: publicKey.export({ type: 'spki', format: 'pem' }) as string };
};
const trusted = keys();
const stranger = keys();
const ABI = process.versions.modules;

function release(root: string, version: string): string {
  const dir = join(root, `src-${version}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'VERSION'), version + '\n');
  writeFileSync(join(dir, 'bin/glase-pos'), '#!/bin/sh\necho ' + version + '\n');
  chmodSync(join(dir, 'bin/glase-pos'), 0o755);
  return dir;
}
function tillWith(version: string) {
  const root = mkdtempSync(join(tmpdir(), 'glase-app-'));
  const app = join(root, 'app');
  mkdirSync(join(app, 'releases'), { recursive: true });
  execFileSync('cp', ['-a', release(root, version), join(app, 'releases', version)]);
  symlinkSync(`releases/${version}`, join(app, 'current'));
  return { root, app };
}
async function bundle(root: string, version: string, opts: { key?: string; arch?: 'amd64' | 'arm64'; abi?: string } = {}) {
  const out = join(root, `${version}.bundle`);
  await makeBundle({ releaseDir: release(root, version), out, privateKeyPem: opts.key ?? trusted.priv, arch: opts.arch ?? 'amd64', nodeAbi: opts.abi ?? ABI });
  return out;
}
const install = (app: string, file: string) => installBundle(app, file, { publicKeys: [stranger.pub, trusted.pub], arch: 'amd64', nodeAbi: ABI });
async function refused(p: Promise<unknown>, code: string, app: string) {
  try {
    await p;
    assert.unreachable('installed');
  } catch (e) {
    assert.instance(e, UpdateRefused);
    assert.is((e as UpdateRefused).code, code, (e as Error).message);
  }
  assert.equal(readdirSync(join(app, 'releases')), ['0.1.0'], 'nothing written under releases/');
}

const t = suite('update: bundles and releases');

t('a signed bundle installs next to the running release; switch puts it on trial; commit keeps two', async () => {
  const { root, app } = tillWith('0.1.0');
  const m = await install(app, await bundle(root, '0.2.0'));
  assert.is(m.version, '0.2.0');
  assert.is(readFileSync(join(app, 'releases/0.2.0/bin/glase-pos'), 'utf8'), '#!/bin/sh\necho 0.2.0\n');
  assert.is(currentVersion(app), '0.1.0', 'installing does not switch');
  switchTo(app, '0.2.0');
  assert.is(readlinkSync(join(app, 'current')), 'releases/0.2.0');
  assert.equal(readTrial(app), { candidate: '0.2.0', previous: '0.1.0', starts: 0 });
  commit(app, '0.1.0');
  assert.is(readTrial(app), undefined);
  await install(app, await bundle(root, '0.3.0'));
  switchTo(app, '0.3.0');
  commit(app, '0.2.0');
  assert.equal(readdirSync(join(app, 'releases')).sort(), ['0.2.0', '0.3.0'], 'older releases pruned');
});

t('refused before anything lands in releases/: bad signature, tampered payload, wrong arch or ABI, downgrade, same version', async () => {
  const { root, app } = tillWith('0.1.0');
  await refused(install(app, await bundle(root, '0.2.0', { key: keys().priv })), 'update.signature', app);
  // tampered: a valid signed manifest with another payload
  const good = await bundle(root, '0.2.0');
  const other = await bundle(root, '0.2.1');
  const mix = join(root, 'mix');
  mkdirSync(mix);
  execFileSync('tar', ['-xf', good, '-C', mix, 'manifest.json', 'manifest.sig']);
  execFileSync('tar', ['-xf', other, '-C', mix, 'payload.tar.gz']);
  execFileSync('tar', ['-cf', join(root, 'tampered.bundle'), '-C', mix, 'manifest.json', 'manifest.sig', 'payload.tar.gz']);
  await refused(install(app, join(root, 'tampered.bundle')), 'update.payload', app);
  await refused(install(app, await bundle(root, '0.2.0', { arch: 'arm64' })), 'update.arch', app);
  await refused(install(app, await bundle(root, '0.2.0', { abi: '1' })), 'update.abi', app);
  await refused(install(app, await bundle(root, '0.0.9')), 'update.downgrade', app);
  await refused(install(app, await bundle(root, '0.1.0')), 'update.version', app);
  writeFileSync(join(root, 'junk.bundle'), 'not a tar');
  await refused(install(app, join(root, 'junk.bundle')), 'update.format', app);
  assert.not.ok(readdirSync(app).some((f) => f.startsWith('.incoming')), 'scratch space cleaned');
});

const gate = (app: string, ...args: string[]) => spawnSync(GATE, args, { env: { ...process.env, GLASE_POS_APP_DIR: app }, encoding: 'utf8' });

t('start gate: counts starts on trial, after 3 the previous release is current again with the reason', async () => {
  const { root, app } = tillWith('0.1.0');
  await install(app, await bundle(root, '0.2.0'));
  switchTo(app, '0.2.0');
  for (let i = 1; i <= 3; i++) {
    assert.is(gate(app).status, 0);
    assert.is(readTrial(app)?.starts, i);
    assert.is(currentVersion(app), '0.2.0');
  }
  const r = gate(app);
  assert.is(r.status, 0);
  assert.match(r.stderr, /release 0\.2\.0 rolled back to 0\.1\.0: did not stay up after 3 start\(s\)/);
  assert.is(currentVersion(app), '0.1.0');
  assert.is(readTrial(app), undefined);
  assert.match(lastRollback(app) ?? '', /0\.2\.0 rolled back to 0\.1\.0/);
  assert.is(gate(app).status, 0, 'outside a trial it does nothing');
  assert.is(currentVersion(app), '0.1.0');
});

t('start gate: a trial found by a later boot (power cut or reboot mid-trial) rolls back at once', async () => {
  const { root, app } = tillWith('0.1.0');
  await install(app, await bundle(root, '0.2.0'));
  switchTo(app, '0.2.0');
  assert.is(gate(app).status, 0, 'the start the update made, in the same boot');
  assert.is(currentVersion(app), '0.2.0');
  // the till went down before `glase-pos update` could commit: nothing else ever would
  const r = spawnSync(GATE, [], { env: { ...process.env, GLASE_POS_APP_DIR: app, GLASE_POS_BOOT_ID: 'another-boot' }, encoding: 'utf8' });
  assert.is(r.status, 0);
  assert.is(currentVersion(app), '0.1.0', 'the previous release is current again at the first start of the next boot');
  assert.is(readTrial(app), undefined);
  assert.match(lastRollback(app) ?? '', /0\.2\.0 rolled back to 0\.1\.0: the till restarted during the trial \(power cut or reboot\)/);
});

t('rollback now (OnFailure= or a failed health check) records the reason', async () => {
  const { root, app } = tillWith('0.1.0');
  await install(app, await bundle(root, '0.2.0'));
  switchTo(app, '0.2.0');
  rollbackNow('health check failed: test', GATE, { ...process.env, GLASE_POS_APP_DIR: app });
  assert.is(currentVersion(app), '0.1.0');
  assert.match(lastRollback(app) ?? '', /0\.2\.0 rolled back to 0\.1\.0: failed \(health check failed: test\)/);
  assert.ok(existsSync(join(app, 'releases/0.2.0')), 'the failed release stays for a look');
});

t.run();
