// A serial barcode scanner on a real kernel pty pair made by socat. The till opens `path`
// (scanner-host) exactly as it would open /dev/ttyACM0; scan() types payload + terminator into
// the other end (scanner-device), as a scanner in USB-CDC / RS-232 mode does.
// close() kills socat, which removes both links: for the till that is an unplugged cable.
// Starting again with the same dir recreates the same path: a replug. A temp dir the
// emulator made itself is removed by close(); socat is asked to die with this process.
import type { ChildProcess } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TERMINATOR_TEXT, type Terminator } from '../scanner/line-splitter.js';
import { spawnDyingWithUs } from './die-with-us.js';

export interface ScannerEmulatorOptions {
  /** Where the two links live; a fresh temp dir by default. */
  dir?: string;
  terminator?: Terminator;
  /** Delay between characters (0: the whole payload in one write). Real scanners burst; tests can dribble. */
  charDelayMs?: number;
}

export interface ScannerEmulator {
  /** The end the till opens (scanner.path in config). */
  readonly path: string;
  /** The end the emulator types into. */
  readonly devicePath: string;
  readonly dir: string;
  /** Types payload + terminator. */
  scan(payload: string): Promise<void>;
  /** Writes raw bytes (junk, half payloads, another terminator). */
  write(bytes: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function startScannerEmulator(opts: ScannerEmulatorOptions = {}): Promise<ScannerEmulator> {
  const ownDir = opts.dir === undefined;
  if (ownDir) await sweepStaleDirs(tmpdir());
  const dir = opts.dir ?? (await fs.mkdtemp(join(tmpdir(), PREFIX)));
  await fs.mkdir(dir, { recursive: true });
  const path = join(dir, 'scanner-host');
  const devicePath = join(dir, 'scanner-device');
  for (const link of [path, devicePath]) await removeStaleLink(link);

  const child = spawnDyingWithUs('socat', ['-d', '-d', `pty,raw,echo=0,link=${path}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await ready(child);
  // Held open for the emulator's life: the pty keeps its settings and socat its peer.
  const device = await fs.open(devicePath, constants.O_RDWR | constants.O_NOCTTY);
  const terminator = TERMINATOR_TEXT[opts.terminator ?? 'CR'];
  const delay = opts.charDelayMs ?? 0;
  let closed = false;

  const write = async (bytes: string | Buffer) => {
    if (closed) throw new Error('scanner emulator is closed');
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    if (delay <= 0) return void (await device.write(buf));
    for (const b of buf) {
      await device.write(Buffer.of(b));
      await new Promise((r) => setTimeout(r, delay));
    }
  };

  return {
    path,
    devicePath,
    dir,
    write,
    scan: (payload) => write(payload + terminator),
    async close() {
      if (closed) return;
      closed = true;
      await device.close().catch(() => {});
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once socat says both ptys exist; rejects with socat's own words if it fails. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socat did not start within 5 s: ${log.trim()}`));
    }, 5_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        child.stderr!.off('data', onData);
        child.stderr!.resume(); // keep draining socat's log so it never blocks
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat (is it installed?): ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited (${code}) before the ptys were ready: ${log.trim()}`));
    });
  });
}

const PREFIX = 'glase-scanner-';
/** younger than this, a folder may belong to an emulator that is still starting */
const STALE_AFTER_MS = 60_000;

/**
 * Removes temp folders of emulators whose process was SIGKILLed (nobody was left to remove
 * them): ours, older than a minute, holding nothing but links that lead nowhere (a live
 * emulator's links lead to its ptys). Never touches anything else.
 */
export async function sweepStaleDirs(parent: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const dir = join(parent, name);
    try {
      const st = await fs.lstat(dir);
      if (!st.isDirectory() || st.uid !== process.getuid?.() || now - st.mtimeMs < STALE_AFTER_MS) continue;
      const entries = await fs.readdir(dir);
      let dead = true;
      for (const e of entries) {
        const p = join(dir, e);
        const live = (await fs.lstat(p)).isSymbolicLink() ? await fs.stat(p).then(() => true, () => false) : true;
        if (live) dead = false;
      }
      if (!dead) continue;
      for (const e of entries) await fs.unlink(join(dir, e));
      await fs.rmdir(dir);
      removed.push(dir);
    } catch {
      /* gone meanwhile, or not ours to remove: left as it is */
    }
  }
  return removed;
}

/** A link left by a killed socat would make the new one fail; only symlinks are removed, never files. */
async function removeStaleLink(p: string): Promise<void> {
  const st = await fs.lstat(p).catch(() => undefined);
  if (st?.isSymbolicLink()) await fs.unlink(p);
  else if (st) throw new Error(`${p} exists and is not a link left by socat; refusing to replace it`);
}
