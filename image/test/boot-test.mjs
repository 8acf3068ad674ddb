#!/usr/bin/env node
// npm run image:test [-- --no-build] [-- --out DIR] [-- --kiosk]: builds the amd64 image, boots it with
// systemd-nspawn (read-only root, a data directory bound to /data, a private network) with
// the embedded Glase simulator and the virtual printer, and checks the till as firmware:
// READY, a payment, the sandbox, the watchdog, a config error, a power cut mid-payment,
// updates (with a power cut mid-trial). Prints PASS/FAIL per check; exits 1 on any failure. Needs root.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot, until } from './container.mjs';
import { preflight } from './preflight.mjs';
import { checkList, secs } from './checks.mjs';
import { updateChecks } from './update-checks.mjs';
import { kioskBinds, kioskChecks } from './kiosk-checks.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const OUT = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : '/var/tmp/glase-pos-image-test';
const ROOT = join(OUT, 'rootfs');
const WORK = join(OUT, 'boot-test');
const DATA = join(WORK, 'data');
const UUID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'; // pinned machine-id: one journal directory across boots
const API = 'http://127.0.0.1:8080';
const SIM = 'http://127.0.0.1:8090';
const GLASE_ID = 'GLASEDEMO1';
const WATCHDOG_SEC = 30;

const { check, finish } = checkList('image:test');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// a machine that cannot run containers fails here in seconds, naming what it lacks
if (!check('this machine can build and boot a container (root, CAP_SYS_ADMIN, namespaces, cgroups)', preflight())) process.exit(1);

// 1. build
if (!argv.includes('--no-build') || !existsSync(ROOT)) {
  const started = Date.now();
  const r = spawnSync(join(repo, 'image/build'), ['--arch', 'amd64', '--out', OUT, ...(argv.includes('--kiosk') ? ['--kiosk'] : [])], { stdio: 'inherit' });
  if (!check(`image builds (amd64${argv.includes('--kiosk') ? ', kiosk' : ''})`, r.status === 0, `${secs(Date.now() - started)}`)) process.exit(1);
}

// 2. the test's till: API token as a credential, embedded simulator, virtual printer; the
// demo bootstrap registers with the simulator and assigns GLASEDEMO1
rmSync(WORK, { recursive: true, force: true });
mkdirSync(join(DATA, 'credentials'), { recursive: true, mode: 0o700 });
const token = randomBytes(24).toString('hex');
writeFileSync(join(DATA, 'credentials/api-token'), token + '\n', { mode: 0o600 });
writeFileSync(join(DATA, 'credentials/glase-ca.pem'), '', { mode: 0o600 });
const config = JSON.parse(readFileSync(join(ROOT, 'etc/glase-pos/config.json'), 'utf8'));
config.printer = { ...config.printer, kind: 'virtual', vid: '0x04b8', pid: '0x0202' };
// the scanner stays as shipped (the virtual one: a socat pty started under the unit's sandbox)
config.scanner = { ...config.scanner, vid: '0x05e0', pid: '0x1200' };
mkdirSync(join(WORK, 'etc'), { recursive: true });
writeFileSync(join(WORK, 'etc/config.json'), JSON.stringify(config, null, 2));
chmodSync(join(WORK, 'etc/config.json'), 0o644);
mkdirSync(join(WORK, 'dropin'), { recursive: true });
writeFileSync(join(WORK, 'dropin/test.conf'), '[Service]\nEnvironment=GLASE_POS_DEMO=1\n');
// update signing keys made now, never stored: the image trusts the public one (bound over
// its key directory); the stranger's signs the bundle that must be refused
const keys = {};
for (const who of ['trusted', 'stranger']) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(join(WORK, `keys-${who}`), { recursive: true, mode: 0o700 });
  keys[who] = join(WORK, `keys-${who}/update-key.pem`);
  writeFileSync(keys[who], privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  if (who === 'trusted') {
    mkdirSync(join(WORK, 'update-keys'));
    writeFileSync(join(WORK, 'update-keys/test.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  }
}
const binds = [
  [join(WORK, 'etc/config.json'), '/etc/glase-pos/config.json', 'ro'],
  [join(WORK, 'dropin'), '/etc/systemd/system/glase-pos.service.d', 'ro'],
  [join(WORK, 'update-keys'), '/usr/share/glase-pos/update-keys', 'ro'],
];
// an image built with --kiosk: cage and Chromium are checked too
const KIOSK = existsSync(join(ROOT, 'usr/lib/systemd/system/glase-pos-kiosk.service'));
if (KIOSK) binds.push(...kioskBinds(ROOT, WORK));
const logFile = join(WORK, 'console.log');
const bootIt = () => boot({ root: ROOT, data: DATA, binds, uuid: UUID, logFile });

async function waitReady(c, ms = 120_000, notPid) {
  return until(() => {
    const s = c.show('glase-pos.service', ['ActiveState', 'SubState', 'StatusText', 'MainPID', 'NRestarts']);
    return s.SubState === 'running' && s.StatusText === 'till ready' && s.MainPID !== '0' && s.MainPID !== notPid ? s : undefined;
  }, ms, 250);
}

async function startPayment(c, amount) {
  const r = await c.http('POST', `${API}/api/payments`, { token, body: { amount } });
  if (r.status !== 201) throw new Error(`POST /api/payments: ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body.paymentId ?? r.body.payment?.paymentId;
  // wait until the invoice is at Glase (the customer can pay it)
  await until(async () => (await c.http('GET', `${API}/api/payments/${id}`, { token })).body.invoiceReference, 20_000);
  return id;
}
async function payAsCustomer(c) {
  return c.http('POST', `${SIM}/simulator/customer/pay`, { body: { glaseId: GLASE_ID } });
}
async function finalOf(c, id, ms = 60_000) {
  return until(async () => {
    try {
      const p = (await c.http('GET', `${API}/api/payments/${id}`, { token })).body;
      return p.final ? p : undefined;
    } catch {
      return undefined; // the daemon is restarting
    }
  }, ms, 500);
}
const receiptLines = (ers) => {
  const f = join(DATA, 'glase-pos/receipts.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => ers && l.includes(ers)).length : 0;
};

let c;
try {
  // 3. boot and READY
  let started = Date.now();
  c = await bootIt();
  const ready = await waitReady(c);
  check('glase-pos.service reaches READY', !!ready, ready ? `StatusText="${ready.StatusText}" after ${secs(Date.now() - started)}` : c.show('glase-pos.service', ['ActiveState', 'SubState', 'Result']).Result);
  if (!ready) throw new Error('not ready: ' + (await c.journal('glase-pos.service')).slice(-3000));
  const failed = c.run(['systemctl', '--failed', '--plain', '--no-legend']).out.trim();
  check('no failed units', failed === '', failed);

  // 4. sandbox
  const pid = ready.MainPID;
  const user = c.run(['ps', '-o', 'user=', '-p', pid]).out.trim();
  check('the daemon runs as glase-pos, not root', user === 'glase-pos', `MainPID ${pid} user ${user}`);
  const ro = ['/etc/x', '/usr/x', '/opt/glase-pos/releases/0.1.0/x'].map((p) => [p, c.sh(`touch ${p} 2>&1`).out.trim()]);
  check('/ is read-only', ro.every(([, e]) => /Read-only file system/.test(e)), ro.map(([p, e]) => `${p}: ${e.replace(/^touch: /, '')}`).join('; '));
  const st = c.run(['stat', '-c', '%a %U', '/var/lib/glase-pos']).out.trim();
  const w = c.run(['runuser', '-u', 'glase-pos', '--', 'sh', '-c', 'echo x > /var/lib/glase-pos/.write-test && rm /var/lib/glase-pos/.write-test && echo ok']).out.trim();
  check('data dir is writable by glase-pos and 0700', st === '700 glase-pos' && w === 'ok', `${st}, write ${w || 'failed'}`);
  const noToken = await c.http('GET', `${API}/api/status`);
  const withToken = await c.http('GET', `${API}/api/status`, { token });
  const environ = c.run(['cat', `/proc/${pid}/environ`]).out;
  check('API token comes from $CREDENTIALS_DIRECTORY only', noToken.status === 401 && withToken.status === 200 && !environ.includes(token) && environ.includes('CREDENTIALS_DIRECTORY='), `without ${noToken.status}, with ${withToken.status}, not in environ`);

  // 5. udev rules (no udevd in a container: udevadm test parses every rule file)
  const udev = c.sh('udevadm test --action=add /sys/class/net/lo 2>&1').out;
  const gen = c.run(['cat', '/run/udev/rules.d/98-glase-pos-config.rules']).out;
  const udevErrors = udev.split('\n').filter((l) => /glase-pos.*\.rules/.test(l) && /invalid|error|unknown|fail/i.test(l));
  check('udev rules parse (static + from config)', /99-glase-pos\.rules/.test(udev) && /98-glase-pos-config\.rules/.test(udev) && udevErrors.length === 0 && gen.includes('ATTR{idVendor}=="04b8"') && gen.includes('LIBINPUT_IGNORE_DEVICE'), udevErrors.join('; ') || 'udevadm test read both files without complaint');

  // 6. a payment through the local API
  started = Date.now();
  let id = await startPayment(c, 1250);
  await payAsCustomer(c);
  let p = await finalOf(c, id);
  check('a payment completes through the local API', p?.outcome === 'completed' && receiptLines(p.ersReference) === 1, `${p?.outcome} ${p?.ersReference ?? ''} in ${secs(Date.now() - started)}`);

  const metrics = await c.http('GET', `${API}/metrics`); // from loopback inside the till: no token
  check('GET /metrics on the till counts the payment', metrics.status === 200 && /^glase_pos_payments_total\{outcome="completed"\} 1$/m.test(metrics.body) && /^glase_pos_payment_detection_seconds_count 1$/m.test(metrics.body), `${metrics.status}, ${(metrics.body.match(/^glase_pos_payment_detection_seconds_sum .*$/m) ?? ['no detection sum'])[0]}`);

  // kiosk: Chromium under cage shows the till; stopped afterwards so the timed checks below
  // do not share the CPU with a browser
  if (KIOSK) {
    await kioskChecks({ c, check, DATA, until });
    c.run(['systemctl', 'stop', 'glase-pos-kiosk.service']);
  }

  // 7. watchdog: a frozen daemon is killed and restarted; the unfinished payment resumes
  id = await startPayment(c, 2000);
  const before = c.show('glase-pos.service', ['MainPID', 'NRestarts']);
  const stoppedAt = Date.now();
  c.run(['kill', '-STOP', before.MainPID]);
  // the restart is a new main process; READY follows once it has recovered
  const restarted = await until(() => {
    const s = c.show('glase-pos.service', ['MainPID']);
    return s.MainPID !== before.MainPID && s.MainPID !== '0' ? s : undefined;
  }, (WATCHDOG_SEC + 20) * 1000, 250);
  const restartMs = Date.now() - stoppedAt;
  const back = await waitReady(c, 60_000, before.MainPID);
  const readyMs = Date.now() - stoppedAt;
  const wdLog = await c.journal('glase-pos.service');
  check('watchdog: SIGSTOP → restarted within WatchdogSec + 5 s', !!restarted && restartMs <= (WATCHDOG_SEC + 5) * 1000 && !!back && Number(back.NRestarts) === Number(before.NRestarts) + 1 && /Watchdog timeout/.test(wdLog), `new main process ${secs(restartMs)} after SIGSTOP (WatchdogSec=${WATCHDOG_SEC}), READY after ${secs(readyMs)}, NRestarts ${before.NRestarts}→${back?.NRestarts}, "Watchdog timeout" in the journal`);
  await payAsCustomer(c);
  p = await finalOf(c, id);
  check('watchdog: the unfinished payment resumes and completes once', p?.outcome === 'completed' && p.recovered === true && receiptLines(p.ersReference) === 1, `${p?.outcome}, recovered ${p?.recovered}`);

  // 8. a config error (exit 2) stops the unit instead of a restart loop
  c.sh('mkdir -p /run/systemd/system/glase-pos.service.d && printf "[Service]\\nEnvironment=GLASE_POS__API__PORT=not-a-port\\n" > /run/systemd/system/glase-pos.service.d/broken.conf && systemctl daemon-reload && systemctl restart glase-pos.service');
  const broken = await until(() => {
    const s = c.show('glase-pos.service', ['ActiveState', 'NRestarts', 'ExecMainStatus']);
    return s.ActiveState === 'failed' ? s : undefined;
  }, 30_000);
  await sleep(3000);
  const after = c.show('glase-pos.service', ['ActiveState', 'NRestarts', 'ExecMainStatus']);
  check('config error (exit 2): unit failed, no restart loop', broken?.ExecMainStatus === '2' && after.ActiveState === 'failed' && after.NRestarts === '0', `status ${broken?.ExecMainStatus}, ${after.ActiveState}, NRestarts ${after.NRestarts}`);
  c.sh('rm -r /run/systemd/system/glase-pos.service.d && systemctl daemon-reload && systemctl reset-failed glase-pos.service && systemctl start glase-pos.service');
  await waitReady(c);

  // 9. power cut mid-payment: the customer has paid, the till has not seen it yet
  id = await startPayment(c, 3300);
  await payAsCustomer(c);
  const exit = await c.powerCut();
  started = Date.now();
  c = await bootIt();
  const again = await waitReady(c);
  p = again ? await finalOf(c, id) : undefined;
  const boots = c.run(['journalctl', '--list-boots', '--no-pager']).out.split('\n').filter((l) => /^\s*-?\d+\s+[0-9a-f]{32}/.test(l)).length;
  check('power cut mid-payment: resumes after boot, recorded once', p?.outcome === 'completed' && receiptLines(p.ersReference) === 1, `nspawn exit ${exit}, READY ${again ? secs(Date.now() - started) : 'never'} after boot, ${p?.outcome}, recovered ${p?.recovered}, ${boots} boots in the journal`);

  // 10. updates
  await updateChecks({
    c, check, repo, OUT, ROOT, DATA, WORK, keys, waitReady, until,
    powerCutAndBoot: async () => {
      const code = await c.powerCut();
      c = await bootIt();
      return { code, c };
    },
    payment: async (amount) => {
      const pid = await startPayment(c, amount);
      await payAsCustomer(c);
      return finalOf(c, pid);
    },
  });
} catch (e) {
  check('boot test ran to the end', false, e.stack ?? String(e));
} finally {
  if (c) await c.poweroff().catch(() => c.powerCut());
}
finish(`; console log ${logFile}, journal: journalctl -D ${join(DATA, 'journal')}`);
