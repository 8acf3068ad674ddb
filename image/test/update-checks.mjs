// Update checks of the boot test: bundles made on the host with `npm run bundle` from the
// image's factory release, installed inside the booted till with `glase-pos update`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { secs } from './checks.mjs';

/** a release directory from the image's factory release with another version (and maybe a broken CLI) */
function release(ROOT, WORK, version, crash) {
  const dir = join(WORK, `release-${version}`);
  cpSync(join(ROOT, 'usr/lib/glase-pos/factory'), dir, { recursive: true, verbatimSymlinks: true });
  writeFileSync(join(dir, 'VERSION'), version + '\n');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, version }, null, 2) + '\n');
  if (crash) writeFileSync(join(dir, 'dist/src/cli.js'), `console.error('glase-pos ${version}: ${crash}');\nprocess.exit(1);\n`);
  return dir;
}

function bundle(repo, OUT, key, dir, out) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts/bundle.ts'), '--image', OUT, '--key', key, '--release', dir, '--out', out], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run bundle failed: ${r.stderr}`);
}

export async function updateChecks({ c, check, repo, OUT, ROOT, DATA, WORK, keys, waitReady, payment, powerCutAndBoot, until }) {
  const incoming = join(DATA, 'incoming');
  mkdirSync(incoming, { recursive: true });
  let started = Date.now();
  bundle(repo, OUT, keys.trusted, release(ROOT, WORK, '0.2.0'), join(incoming, 'good.bundle'));
  bundle(repo, OUT, keys.trusted, release(ROOT, WORK, '0.3.0', 'crashing at start on purpose (boot test)'), join(incoming, 'crash.bundle'));
  bundle(repo, OUT, keys.stranger, release(ROOT, WORK, '0.4.0'), join(incoming, 'badsig.bundle'));
  bundle(repo, OUT, keys.trusted, release(ROOT, WORK, '0.5.0'), join(incoming, 'cut.bundle'));
  console.log(`     (4 bundles made in ${secs(Date.now() - started)})`);
  const runningRelease = () => {
    const pid = c.show('glase-pos.service', ['MainPID']).MainPID;
    return (c.run(['cat', `/proc/${pid}/cmdline`]).out.match(/releases\/(\d+\.\d+\.\d+)/) ?? [])[1] ?? c.run(['readlink', '/opt/glase-pos/current']).out.trim();
  };
  const status = () => c.run(['runuser', '-u', 'glase-pos', '--', 'env', 'GLASE_POS_CONFIG=/etc/glase-pos/config.json', 'glase-pos', 'status']).out;

  // a good release: installed, switched, healthy, committed; a payment on it
  started = Date.now();
  let r = c.run(['glase-pos', 'update', '/data/incoming/good.bundle', '--settle', '5'], { timeoutMs: 180_000 });
  let ready = await waitReady(c, 30_000);
  const trialGone = c.run(['test', '-e', '/opt/glase-pos/trial']).code !== 0;
  const paid = r.code === 0 ? await payment(4400) : undefined;
  check('update: a good release is installed, switched and committed', r.code === 0 && !!ready && runningRelease() === '0.2.0' && trialGone && /release\s+0\.2\.0/.test(status()) && paid?.outcome === 'completed', `exit ${r.code} in ${secs(Date.now() - started)}, running ${runningRelease()}, trial ${trialGone ? 'gone' : 'left'}, payment on it ${paid?.outcome}${r.code ? `: ${r.err.trim()}` : ''}`);

  // a release that crashes at start: the start gate puts 0.2.0 back
  started = Date.now();
  r = c.run(['glase-pos', 'update', '/data/incoming/crash.bundle', '--settle', '5'], { timeoutMs: 180_000 });
  ready = await waitReady(c, 60_000);
  const rolledMs = Date.now() - started;
  const journal = await c.journal('glase-pos.service');
  const st = status();
  check(
    'update: a release crashing at start is rolled back (reason in journal and status)',
    r.code === 1 && /rolled back/.test(r.err) && !!ready && runningRelease() === '0.2.0' && /release 0\.3\.0 rolled back to 0\.2\.0/.test(journal) && /crashing at start on purpose/.test(journal) && /last rollback: .*0\.3\.0 rolled back to 0\.2\.0/.test(st),
    `exit ${r.code}, READY on ${runningRelease()} ${secs(rolledMs)} after the update began; ${(r.err.match(/rolled back: .*/) ?? [''])[0]}`,
  );

  // a bundle signed by a key the image does not trust: refused, nothing installed
  r = c.run(['glase-pos', 'update', '/data/incoming/badsig.bundle'], { timeoutMs: 60_000 });
  const installed = c.run(['ls', '/opt/glase-pos/releases']).out.split(/\s+/).filter(Boolean);
  check('update: a bad signature is refused before anything is written', r.code === 1 && /bad signature/.test(r.err) && !installed.some((v) => v.startsWith('0.4.0')) && runningRelease() === '0.2.0', `exit ${r.code}: ${r.err.trim()}; releases ${installed.join(' ')}`);

  // a power cut while a good release is on trial: the update that would commit it dies with the
  // till; at the next boot the start gate finds the trial from another boot and puts 0.2.0 back
  started = Date.now();
  c.run(['systemd-run', '--unit=boot-test-update', '--quiet', 'glase-pos', 'update', '/data/incoming/cut.bundle', '--settle', '600']);
  const onTrial = await until(() => c.run(['test', '-e', '/opt/glase-pos/trial']).code === 0 && runningRelease() === '0.5.0' && c.show('glase-pos.service', ['StatusText']).StatusText === 'till ready', 180_000, 500);
  const exit = await powerCutAndBoot();
  c = exit.c;
  ready = await waitReady(c, 120_000);
  const trialLeft = c.run(['test', '-e', '/opt/glase-pos/trial']).code === 0;
  const stCut = status();
  const gateLog = await c.journal('glase-pos.service');
  const paidAfter = ready ? await payment(5500) : undefined;
  check(
    'update: a power cut while a release is on trial brings the previous one back at the next boot',
    !!onTrial && !!ready && runningRelease() === '0.2.0' && !trialLeft && /last rollback: .*0\.5\.0 rolled back to 0\.2\.0: the till restarted during the trial/.test(stCut) && /0\.5\.0 rolled back to 0\.2\.0/.test(gateLog) && paidAfter?.outcome === 'completed',
    `0.5.0 READY on trial ${onTrial ? 'yes' : 'never'}, nspawn exit ${exit.code}; after boot running ${runningRelease()} ${ready ? `READY ${secs(Date.now() - started)} after the update began` : 'not READY'}, trial ${trialLeft ? 'left' : 'gone'}, payment ${paidAfter?.outcome}; ${(stCut.match(/last rollback: .*/) ?? ['no rollback in status'])[0]}`,
  );
}
