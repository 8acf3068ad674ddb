// sd_notify through the systemd-notify binary to a real unix datagram socket (socat plays
// systemd): READY=1 with MAINPID and WATCHDOG=1 at half WATCHDOG_USEC; nothing without NOTIFY_SOCKET.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sdNotify } from '../../../src/daemon/sd-notify.js';

const t = suite('sd_notify');

t('READY=1 and WATCHDOG=1 reach the notify socket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glase-notify-'));
  const sock = join(dir, 'notify');
  const systemd = spawn('socat', ['-u', `UNIX-RECV:${sock}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let got = '';
  systemd.stdout!.on('data', (d) => (got += d));
  while (!existsSync(sock)) await new Promise((r) => setTimeout(r, 20));
  const n = sdNotify({ NOTIFY_SOCKET: sock, WATCHDOG_USEC: '1000000', PATH: process.env.PATH });
  assert.ok(n.enabled);
  void n.ready('up');
  assert.is(n.startWatchdog(), 500);
  const end = Date.now() + 5000;
  while (!(got.includes('READY=1') && got.includes('WATCHDOG=1')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  n.close();
  systemd.kill();
  rmSync(dir, { recursive: true, force: true });
  assert.match(got, /READY=1/);
  assert.match(got, /STATUS=up/);
  assert.match(got, new RegExp(`MAINPID=${process.pid}`));
  assert.match(got, /WATCHDOG=1/);
});

t('without NOTIFY_SOCKET it is off and sends nothing', async () => {
  const n = sdNotify({ WATCHDOG_USEC: '1000000' });
  assert.not.ok(n.enabled);
  assert.is(n.startWatchdog(), 0);
  await n.ready();
  n.close();
});

t.run();
