// The built `glase-pos` works however it is started (issue 8): a symlink to it (what npm
// makes for every bin: npm link, a global install, /usr/local/bin/glase-pos), node with the
// symlink, `npx glase-pos` in the package, and after `npm link`. It once compared
// import.meta.url with argv[1] and silently did nothing through a symlink.
// The build is the real one (tsc + scripts/copy-assets.mjs) into a temp package, so this test
// neither depends on nor races with ./dist.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const t = suite('the built glase-pos command');
let pkg: string;
let npmCache: string;

const run = (cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(cmd, args, { cwd: opts.cwd ?? pkg, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_cache: npmCache, npm_config_update_notifier: 'false', ...opts.env } });

function assertUsage(r: ReturnType<typeof run>, how: string) {
  assert.is(r.status, 0, `${how}: exit ${r.status} ${r.stderr}`);
  assert.match(r.stdout, /^usage: glase-pos <command> \[options\]/, how);
  assert.match(r.stdout, /\n {2}reprint +print a COPY/, how);
}

t.before(() => {
  pkg = mkdtempSync(join(tmpdir(), 'glase-bin-'));
  npmCache = join(pkg, '.npm-cache');
  const tsc = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')], { cwd: ROOT });
  assert.is(tsc.status, 0, tsc.stdout + tsc.stderr);
  const assets = run(process.execPath, [join(ROOT, 'scripts', 'copy-assets.mjs'), join(pkg, 'dist')], { cwd: ROOT });
  assert.is(assets.status, 0, assets.stderr);
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
});
t.after(() => rmSync(pkg, { recursive: true, force: true }));

t('node dist/src/cli.js --help', () => {
  assertUsage(run(process.execPath, ['dist/src/cli.js', '--help']), 'node dist/src/cli.js');
});

t('through a symlink, run directly and with node', () => {
  mkdirSync(join(pkg, 'bin'));
  const link = join(pkg, 'bin', 'glase-pos');
  symlinkSync(join(pkg, 'dist', 'src', 'cli.js'), link);
  assertUsage(run(link, ['--help']), 'symlink');
  assertUsage(run(process.execPath, [link, '--help']), 'node symlink');
  const bad = run(link, ['no-such-command']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /unknown command "no-such-command"/);
});

t('npx glase-pos --help in the package', () => {
  assertUsage(run('npx', ['--offline', 'glase-pos', '--help']), 'npx glase-pos');
});

t('after npm link (into a temp global prefix)', () => {
  const prefix = join(pkg, 'global');
  const link = run('npm', ['link', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { env: { npm_config_prefix: prefix } });
  assert.is(link.status, 0, link.stderr);
  assertUsage(run(join(prefix, 'bin', 'glase-pos'), ['--help'], { cwd: tmpdir() }), 'npm link');
});

t.run();
