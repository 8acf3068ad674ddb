// Kiosk checks of the boot test (an image built with --kiosk): the exact glase-pos-kiosk.service
// starts cage and Chromium as the kiosk user, Chromium opens the till's local API with the
// kiosk secret (the page it shows gets 200 from the token-protected API, so the secret became
// its cookie), the secret is on no command line, and a crashed Chromium is started again.
// A container has no DRM, seat or tty1: the test's drop-in runs cage on wlroots' headless
// backend and without the tty (kioskBinds); everything else is the unit as shipped.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secs } from './checks.mjs';

const PAGE_HELPER = fileURLToPath(new URL('./kiosk-page-in-netns.mjs', import.meta.url));
const DEVTOOLS = 'http://127.0.0.1:9222';
const TILL = 'http://127.0.0.1:8080/';

/** binds for the container: the kiosk unit's container drop-in, Chromium's extra flags */
export function kioskBinds(ROOT, WORK) {
  const dropin = join(WORK, 'kiosk-dropin');
  mkdirSync(dropin, { recursive: true });
  writeFileSync(
    join(dropin, 'container.conf'),
    [
      '# boot test only: no tty1, DRM or seat in a container; wlroots draws into memory',
      '[Service]',
      // no VT: pam_systemd refuses a session on tty1 of a seat without VTs
      'TTYPath=',
      'StandardInput=null',
      'TTYReset=no',
      'TTYVHangup=no',
      'TTYVTDisallocate=no',
      'Environment=WLR_BACKENDS=headless WLR_HEADLESS_OUTPUTS=1 WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1',
      '',
    ].join('\n'),
  );
  // Debian's /usr/bin/chromium sources /etc/chromium.d/*: the DevTools port on the container's
  // loopback lets the test see the page; the sandbox needs user namespaces nspawn does not give
  const flags = join(WORK, 'chromium.d');
  cpSync(join(ROOT, 'etc/chromium.d'), flags, { recursive: true });
  writeFileSync(join(flags, 'zz-boot-test'), `export CHROMIUM_FLAGS="$CHROMIUM_FLAGS --remote-debugging-port=9222 --remote-debugging-address=127.0.0.1${process.env.GLASE_KIOSK_SANDBOX === '1' ? '' : ' --no-sandbox'}"\n`);
  return [
    [dropin, '/etc/systemd/system/glase-pos-kiosk.service.d', 'ro'],
    [flags, '/etc/chromium.d', 'ro'],
  ];
}

function kioskPage(c, ms) {
  const r = spawnSync('nsenter', ['-t', String(c.leader), '-n', '--', process.execPath, PAGE_HELPER, DEVTOOLS, TILL, String(ms)], { encoding: 'utf8', timeout: ms + 30_000 });
  if (r.status !== 0) return { error: (r.stderr || String(r.error)).trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(r.stdout);
}

export async function kioskChecks({ c, check, DATA, until }) {
  const started = Date.now();
  const up = await until(() => {
    const s = c.show('glase-pos-kiosk.service', ['ActiveState', 'SubState', 'MainPID', 'NRestarts']);
    const browser = c.run(['pgrep', '-u', 'kiosk', '-o', '-x', 'chromium']).out.trim();
    return s.SubState === 'running' && browser ? { ...s, browser } : undefined;
  }, 180_000, 1000);
  const procs = c.run(['ps', '-u', 'kiosk', '-o', 'comm=']).out.split('\n').filter(Boolean);
  check('kiosk: glase-pos-kiosk.service runs cage and Chromium as the kiosk user', !!up && procs.includes('cage') && procs.includes('chromium'), up ? `after ${secs(Date.now() - started)}; kiosk processes: ${[...new Set(procs)].join(', ')}` : `${JSON.stringify(c.show('glase-pos-kiosk.service', ['ActiveState', 'SubState', 'Result', 'ExecMainStatus']))} ${(await c.journal('glase-pos-kiosk.service')).slice(-1500)}`);
  if (!up) return;

  const secret = readFileSync(join(DATA, 'glase-pos/kiosk-secret'), 'utf8').trim();
  const args = c.run(['ps', '-eo', 'args']).out;
  check('kiosk: the kiosk secret is on no command line', secret.length === 64 && !args.includes(secret), `${args.split('\n').length - 1} processes checked`);

  let page = kioskPage(c, 120_000);
  check('kiosk: Chromium shows the till from the local API, authorised by the kiosk secret', page.url?.startsWith(TILL) && page.apiStatus === 200 && page.withoutCookie === 401, page.error ?? `${page.url} "${page.title}", the page's GET /api/status → ${page.apiStatus} (without its cookie → ${page.withoutCookie})`);
  // ui.sound on an unattended screen: the unit's autoplay flag reaches the browser through
  // Debian's chromium wrapper, and the till's page may play a sound nobody tapped for
  const browserArgs = c.run(['ps', '-o', 'args=', '-p', up.browser]).out;
  check('kiosk: the till page plays a sound without a tap (--autoplay-policy=no-user-gesture-required)', browserArgs.includes('--autoplay-policy=no-user-gesture-required') && page.autoplay === 'played', page.error ?? `flag on Chromium's command line: ${browserArgs.includes('--autoplay-policy=no-user-gesture-required')}; play() without a gesture → ${page.autoplay}`);

  // a crashed browser: cage exits with its client, systemd starts the unit again
  const before = c.show('glase-pos-kiosk.service', ['MainPID', 'NRestarts']);
  const browserNow = c.run(['pgrep', '-u', 'kiosk', '-o', '-x', 'chromium']).out.trim();
  const killedAt = Date.now();
  c.run(['kill', '-KILL', browserNow]);
  const again = await until(() => {
    const s = c.show('glase-pos-kiosk.service', ['SubState', 'MainPID', 'NRestarts']);
    const browser = c.run(['pgrep', '-u', 'kiosk', '-o', '-x', 'chromium']).out.trim();
    return s.SubState === 'running' && s.MainPID !== before.MainPID && browser && browser !== browserNow ? s : undefined;
  }, 120_000, 500);
  page = again ? kioskPage(c, 120_000) : { error: 'not restarted' };
  check('kiosk: a killed Chromium is started again and reopens the till', !!again && Number(again.NRestarts) === Number(before.NRestarts) + 1 && browserNow === up.browser && page.apiStatus === 200, page.error ?? `restarted ${secs(Date.now() - killedAt)} after SIGKILL (NRestarts ${before.NRestarts}→${again.NRestarts}), page ${page.url} → ${page.apiStatus}`);
}
