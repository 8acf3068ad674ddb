import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import { createScanner } from '../../../drivers/scanner/create-scanner.js';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.js';
import { UsbHidScanner } from '../../../drivers/scanner/usb-hid-scanner.js';
import { NullScanner, type ScanEvent } from '../../../drivers/scanner/scanner.js';
import { FakeUsb, FakeUsbHidDevice } from '../../../drivers/virtual/fake-usb-hid.js';
import { startScannerEmulator } from '../../../drivers/virtual/scanner-emulator.js';
import { parseConfig } from '../../../src/config.js';

const t = suite('createScanner');

t('virtual: a serial scanner on the emulator pty, with the configured terminator', async () => {
  const cfg = parseConfig({ scanner: { kind: 'virtual', terminator: 'LF' } }).scanner;
  const emu = await startScannerEmulator({ terminator: 'LF' });
  const scanner = await createScanner(cfg, { virtualPath: emu.path });
  try {
    assert.instance(scanner, SerialScanner);
    await scanner.start();
    const got = once(scanner, 'scanned');
    await emu.scan('HTTP://SEQR.SE/QAB12');
    assert.is(((await got)[0] as ScanEvent).payload, 'HTTP://SEQR.SE/QAB12');
  } finally {
    await scanner.stop();
    await emu.close();
    await fs.rm(emu.dir, { recursive: true, force: true });
  }
});

t('virtual without a path names the key', async () => {
  const cfg = parseConfig({ scanner: { kind: 'virtual' } }).scanner;
  const err = await createScanner(cfg).catch((e: Error) => e);
  assert.match((err as Error).message, /^scanner\.path: is required/);
});

t('usb-hid: VID/PID from hex strings select the device', async () => {
  const cfg = parseConfig({ scanner: { kind: 'usb-hid', vid: '0x05e0', pid: '1200' } }).scanner;
  const dev = new FakeUsbHidDevice(0x05e0, 0x1200);
  const scanner = await createScanner(cfg, { usb: new FakeUsb(new FakeUsbHidDevice(0x05e0, 0x1201), dev) });
  assert.instance(scanner, UsbHidScanner);
  await scanner.start();
  assert.ok(scanner.isConnected);
  assert.ok(dev.opened, 'the device with the exact PID was opened');
  await scanner.stop();
});

t('none: never scans, start/stop are harmless', async () => {
  const s = await createScanner(parseConfig({ scanner: { kind: 'none' } }).scanner);
  assert.instance(s, NullScanner);
  await s.start();
  assert.not.ok(s.isConnected);
  await s.stop();
});

t.run();
