// The serial scanner driver against a real kernel pty pair (socat) and the real serialport binding.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { once } from 'node:events';
import { existsSync, promises as fs } from 'node:fs';
import { startScannerEmulator, sweepStaleDirs, type ScannerEmulator } from '../../../drivers/virtual/scanner-emulator.js';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.js';
import type { ScanEvent } from '../../../drivers/scanner/scanner.js';

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`timed out waiting for ${what}`)), ms))]);
const nextScan = (s: SerialScanner) => within(once(s, 'scanned').then(([e]) => e as ScanEvent), 3_000, 'a scan');

const t = suite('scanner emulator on a socat pty');
const cleanup: (() => Promise<void>)[] = [];
t.after.each(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

t('the driver reads payloads the emulator types (CR), burst and char by char', async () => {
  const emu = await startScannerEmulator();
  cleanup.push(() => fs.rm(emu.dir, { recursive: true, force: true }), () => emu.close());
  const scanner = new SerialScanner({ path: emu.path, terminator: 'CR' });
  cleanup.push(() => scanner.stop());
  await scanner.start();
  assert.ok(scanner.isConnected);
  let next = nextScan(scanner);
  await emu.scan('GLASE0042');
  assert.is((await next).payload, 'GLASE0042');
  const slow = await startScannerEmulator({ dir: emu.dir + '-slow', charDelayMs: 2, terminator: 'CRLF' });
  cleanup.push(() => fs.rm(slow.dir, { recursive: true, force: true }), () => slow.close());
  const s2 = new SerialScanner({ path: slow.path, terminator: 'CRLF' });
  cleanup.push(() => s2.stop());
  await s2.start();
  next = nextScan(s2);
  await slow.scan('2015120408531541501005256');
  assert.is((await next).payload, '2015120408531541501005256');
});

t('TAB terminator and raw junk bytes pass through unchanged', async () => {
  const emu = await startScannerEmulator({ terminator: 'TAB' });
  cleanup.push(() => fs.rm(emu.dir, { recursive: true, force: true }), () => emu.close());
  const scanner = new SerialScanner({ path: emu.path, terminator: 'TAB' });
  cleanup.push(() => scanner.stop());
  await scanner.start();
  const got: string[] = [];
  scanner.on('scanned', (e) => got.push(e.payload));
  await emu.write(Buffer.from([0x41, 0x07, 0xff, 0x09]));
  await emu.scan('abc');
  await within(
    (async () => {
      while (got.length < 2) await new Promise((r) => setTimeout(r, 10));
    })(),
    3_000,
    'two scans',
  );
  assert.equal(got, ['A\u0007\u00ff', 'abc']);
});

t('unplug (emulator closed) → disconnected; replug at the same path → reconnects and scans', async () => {
  let emu: ScannerEmulator = await startScannerEmulator();
  const dir = emu.dir;
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }), () => emu.close());
  const scanner = new SerialScanner({ path: emu.path, retry: { minMs: 20, maxMs: 100 } });
  cleanup.push(() => scanner.stop());
  const events: string[] = [];
  scanner.on('connected', () => events.push('connected'));
  scanner.on('disconnected', () => events.push('disconnected'));
  await scanner.start();
  const gone = within(once(scanner, 'disconnected'), 10_000, 'disconnected');
  await emu.close();
  await gone;
  assert.not.ok(existsSync(emu.path), 'socat removed the link');
  await new Promise((r) => setTimeout(r, 150)); // some reopen attempts fail while it is away
  const back = within(once(scanner, 'connected'), 10_000, 'reconnect');
  emu = await startScannerEmulator({ dir });
  await back;
  const next = nextScan(scanner);
  await emu.scan('AFTERREPLUG');
  assert.is((await next).payload, 'AFTERREPLUG');
  assert.equal(events, ['connected', 'disconnected', 'connected']);
});

t('the device node vanishes while the tty stays open (no hangup from the kernel) → disconnected', async () => {
  const emu = await startScannerEmulator();
  cleanup.push(() => fs.rm(emu.dir, { recursive: true, force: true }), () => emu.close());
  const scanner = new SerialScanner({ path: emu.path, retry: { minMs: 20, maxMs: 100 }, presenceCheckMs: 50 });
  cleanup.push(() => scanner.stop());
  await scanner.start();
  assert.ok(scanner.isConnected);
  const gone = within(once(scanner, 'disconnected'), 5_000, 'disconnected');
  await fs.rm(emu.path); // socat still holds the pty: only the path the till opened is gone
  await gone;
  assert.not.ok(scanner.isConnected);
});

t('refuses to replace a regular file at the link path', async () => {
  const dir = await fs.mkdtemp('/tmp/glase-scanner-test-');
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.writeFile(`${dir}/scanner-host`, 'precious');
  const err = await startScannerEmulator({ dir }).catch((e: Error) => e);
  assert.instance(err, Error);
  assert.match((err as Error).message, /not a link left by socat/);
  assert.is(await fs.readFile(`${dir}/scanner-host`, 'utf8'), 'precious');
});

// Issue 9 item 15: a SIGKILLed daemon left its glase-scanner-* temp folder behind (nobody was
// alive to remove it). The next emulator removes such folders, and nothing else.
t('the next start removes folders of killed emulators: old, ours, only dead links or none', async () => {
  const parent = await fs.mkdtemp('/tmp/glase-sweep-');
  cleanup.push(() => fs.rm(parent, { recursive: true, force: true }));
  const old = new Date(Date.now() - 5 * 60_000);
  const make = async (name: string, fill: (d: string) => Promise<void>, mtime = old) => {
    const d = `${parent}/${name}`;
    await fs.mkdir(d);
    await fill(d);
    await fs.utimes(d, mtime, mtime);
    return d;
  };
  await fs.writeFile(`${parent}/pty`, '');
  const none = async () => {};
  const empty = await make('glase-scanner-aaa', none);
  const dangling = await make('glase-scanner-bbb', async (d) => {
    await fs.symlink('/dev/pts/999999', `${d}/scanner-host`);
    await fs.symlink('/dev/pts/999998', `${d}/scanner-device`);
  });
  const starting = await make('glase-scanner-ccc', none, new Date());
  const live = await make('glase-scanner-ddd', (d) => fs.symlink(`${parent}/pty`, `${d}/scanner-host`));
  const precious = await make('glase-scanner-eee', (d) => fs.writeFile(`${d}/notes`, 'keep'));
  const other = await make('glase-other-fff', none);
  assert.equal((await sweepStaleDirs(parent)).sort(), [empty, dangling]);
  for (const kept of [starting, live, precious, other]) assert.ok(existsSync(kept), kept);
  assert.not.ok(existsSync(empty));
  assert.not.ok(existsSync(dangling));
});

t.run();
