// systemd notifications: READY=1 once the till is up, WATCHDOG=1 at half WATCHDOG_USEC.
// Node cannot send unix datagrams, so this uses the systemd-notify binary (the unit has
// NotifyAccess=all because the message comes from that child). Without NOTIFY_SOCKET or the
// binary it does nothing.
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from '../lib/log.js';

const BINARIES = ['/usr/bin/systemd-notify', '/bin/systemd-notify'];

export interface SdNotify {
  readonly enabled: boolean;
  ready(status?: string): Promise<void>;
  stopping(): Promise<void>;
  /** starts WATCHDOG=1 pings when the unit has WatchdogSec; returns the interval in ms (0: none) */
  startWatchdog(): number;
  close(): void;
}

export function sdNotify(env: NodeJS.ProcessEnv = process.env, log?: Logger, binary = BINARIES.find((b) => existsSync(b))): SdNotify {
  const enabled = !!env.NOTIFY_SOCKET && !!binary;
  let timer: NodeJS.Timeout | undefined;
  const running = new Set<ChildProcess>();
  const send = (...args: string[]) =>
    new Promise<void>((resolve) => {
      if (!enabled) return resolve();
      // systemd-notify waits for systemd to read the message (a barrier); bound that wait
      const child = execFile(binary!, args, { env, timeout: 5000 }, (err) => {
        running.delete(child);
        if (err && !err.killed) log?.warn('systemd-notify failed', { args: args.join(' '), error: err });
        resolve();
      });
      running.add(child);
    });
  return {
    enabled,
    ready: (status) => send('--ready', `--pid=${process.pid}`, ...(status ? [`--status=${status}`] : [])),
    stopping: () => send('STOPPING=1'),
    startWatchdog() {
      const usec = Number(env.WATCHDOG_USEC);
      if (!enabled || !Number.isFinite(usec) || usec <= 0) return 0;
      const ms = Math.max(500, Math.floor(usec / 1000 / 2));
      timer = setInterval(() => void send('WATCHDOG=1'), ms);
      timer.unref();
      return ms;
    },
    close() {
      clearInterval(timer);
      for (const c of running) c.kill();
    },
  };
}
