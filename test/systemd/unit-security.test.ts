// The till's unit stays locked down: systemd's own exposure score (when systemd-analyze is
// installed; .ci/run installs systemd) and the settings issue 13 asks for, read from the file.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const UNIT = fileURLToPath(new URL('../../systemd/glase-pos.service', import.meta.url));
const text = readFileSync(UNIT, 'utf8');
/** every value of a directive, in order (a directive may repeat) */
const values = (key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1].trim());

const t = suite('systemd unit: glase-pos.service');

const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
if (analyze.error) {
  console.log(`skipped the exposure score: systemd-analyze is not installed (${(analyze.error as NodeJS.ErrnoException).code})`);
  t.skip('exposure score ≤ 2.0', () => {});
} else {
  t('systemd-analyze security --offline=true scores it ≤ 2.0', () => {
    // exit status is non-zero when the score is above --threshold (default 100): read the text
    const out = execFileSync('systemd-analyze', ['security', '--offline=true', '--no-pager', UNIT], { encoding: 'utf8', env: { ...process.env, SYSTEMD_COLORS: '0' } });
    const m = out.match(/Overall exposure level for glase-pos\.service: (\d+\.\d)/);
    assert.ok(m, `no overall exposure line in:\n${out.slice(-500)}`);
    const score = Number(m![1]);
    console.log(`exposure ${score} (${analyze.stdout.split('\n')[0]})`);
    assert.ok(score <= 2.0, `exposure ${score} > 2.0:\n${out.split('\n').filter((l) => l.startsWith('✗')).join('\n')}`);
  });
}

t('no capabilities, a syscall allow list, netlink for hotplug, closed devices', () => {
  assert.equal(values('CapabilityBoundingSet'), ['']);
  assert.ok(values('SystemCallFilter').some((v) => v.split(/\s+/).includes('@system-service')));
  // io_uring denied with EPERM, not SIGSYS: libuv then falls back to its thread pool
  assert.ok(values('SystemCallFilter').some((v) => v.startsWith('~') && v.includes('io_uring_setup')));
  assert.equal(values('SystemCallErrorNumber'), ['EPERM']);
  assert.equal(values('RestrictAddressFamilies')[0].split(/\s+/).sort(), ['AF_INET', 'AF_INET6', 'AF_NETLINK', 'AF_UNIX']);
  assert.equal(values('DevicePolicy'), ['closed']);
  for (const dev of ['char-usb_device', 'char-usb', 'char-ttyUSB', 'char-ttyACM']) assert.ok(values('DeviceAllow').includes(`${dev} rw`), dev);
  assert.not.ok(values('MemoryDenyWriteExecute').includes('yes'), "V8's JIT needs W+X pages");
});

t('a config error (exit 2) stops the unit instead of a restart loop; lock, state and secrets', () => {
  assert.equal(values('Restart'), ['always']);
  assert.equal(values('RestartPreventExitStatus'), ['2']);
  assert.equal(values('RuntimeDirectory'), ['glase-pos']);
  assert.equal(values('StateDirectoryMode'), ['0700']);
  assert.equal(values('LoadCredential').map((v) => v.split(':')[0]).sort(), ['api-token', 'glase-ca.pem']);
  assert.equal(values('User'), ['glase-pos']);
  assert.equal(values('Type'), ['notify']);
  assert.ok(Number(values('WatchdogSec')[0]) > 0);
  for (const key of ['NoNewPrivileges', 'ProtectHome', 'PrivateTmp', 'ProtectKernelTunables', 'ProtectKernelModules', 'ProtectControlGroups', 'RestrictNamespaces', 'RestrictSUIDSGID', 'LockPersonality']) assert.equal(values(key), ['yes'], key);
  assert.equal(values('ProtectSystem'), ['strict']);
});

t('settings come from config.json (dataDir = the StateDirectory), not from the unit environment', () => {
  // the CLI run by an admin reads only /etc/glase-pos/config.json: an override in the unit
  // would make the daemon and `glase-pos status` look at different data directories
  assert.equal(values('Environment').filter((v) => v.startsWith('GLASE_POS__')), []);
  assert.ok(values('Environment').includes('GLASE_POS_CONFIG=/etc/glase-pos/config.json'));
  const config = readFileSync(fileURLToPath(new URL('../../image/lib/default-config.mjs', import.meta.url)), 'utf8');
  assert.match(config, /dataDir: '\/var\/lib\/glase-pos'/);
  assert.equal(values('StateDirectory'), ['glase-pos']);
});

t('V8 is sized for the board: the old space and semi-space limits the soak bench ran under', () => {
  // bench:soak --max-old-space 48 --node-flags "--max-semi-space-size=1" (README, Performance)
  const opts = values('Environment').map((v) => v.replace(/^"|"$/g, '')).filter((v) => v.startsWith('NODE_OPTIONS='));
  assert.equal(opts, ['NODE_OPTIONS=--max-old-space-size=48 --max-semi-space-size=1']);
});

t.run();
