import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { once } from 'node:events';
import { UsbHidScanner } from '../../../drivers/scanner/usb-hid-scanner.js';
import { FakeUsb, FakeUsbHidDevice } from '../../../drivers/virtual/fake-usb-hid.js';
import type { ScanEvent } from '../../../drivers/scanner/scanner.js';
import type { UsbDeviceShape } from '../../../drivers/scanner/usb-shapes.js';

const VID = 0x0c2e;
const PID = 0x0b61;

function setup(present = true) {
  const dev = new FakeUsbHidDevice(VID, PID);
  const usb = present ? new FakeUsb(dev) : new FakeUsb();
  const scanner = new UsbHidScanner({ usb, vid: VID, pid: PID, retryMs: 20, now: () => 1234 });
  const scans: ScanEvent[] = [];
  const events: string[] = [];
  scanner.on('scanned', (s) => scans.push(s));
  scanner.on('connected', () => events.push('connected'));
  scanner.on('disconnected', () => events.push('disconnected'));
  return { dev, usb, scanner, scans, events };
}

const t = suite('usb hid scanner');

t('detaches the kernel driver before claiming, sets boot protocol, polls and emits scans', async () => {
  const { dev, scanner, scans, events } = setup();
  await scanner.start();
  assert.ok(scanner.isConnected);
  assert.equal(events, ['connected']);
  assert.equal(dev.calls.slice(0, 5), ['open', 'isKernelDriverActive', 'detachKernelDriver', 'claim', 'control:21/b/0/0']);
  assert.is(dev.iface.kernelDriverActive, false);
  dev.type('Abc123');
  dev.type('2015120408531541501005256', { terminator: 'Tab' });
  assert.equal(scans, [
    { payload: 'Abc123', at: 1234 },
    { payload: '2015120408531541501005256', at: 1234 },
  ]);
  await scanner.stop();
  // Stop gives the keyboard back to the kernel and closes the handle.
  assert.ok(dev.calls.includes('release'));
  assert.is(dev.iface.kernelDriverActive, true);
  assert.is(dev.opened, false);
  assert.equal(events, ['connected', 'disconnected']);
});

t('does not detach a kernel driver that is not active', async () => {
  const { dev, scanner } = setup();
  dev.iface.kernelDriverActive = false;
  await scanner.start();
  assert.not.ok(dev.calls.includes('detachKernelDriver'));
  await scanner.stop();
  assert.not.ok(dev.calls.includes('attachKernelDriver'), 'never hands the device to a driver it did not have');
});

t('unplug → disconnected; replug of the same VID:PID → connected and scans again', async () => {
  const { dev, usb, scanner, scans, events } = setup();
  await scanner.start();
  dev.type('one');
  dev.type('hal', { terminator: 'none' }); // half a scan when the cable is pulled
  usb.unplug(dev);
  assert.equal(events, ['connected', 'disconnected']);
  assert.not.ok(scanner.isConnected);
  const again = new FakeUsbHidDevice(VID, PID);
  usb.plug(new FakeUsbHidDevice(0x1111, 0x2222)); // another device: ignored
  assert.equal(events, ['connected', 'disconnected']);
  usb.plug(again);
  assert.equal(events, ['connected', 'disconnected', 'connected']);
  assert.is(again.iface.kernelDriverActive, false);
  again.type('two');
  assert.equal(
    scans.map((s) => s.payload),
    ['one', 'two'],
    'the half scan from before the unplug is dropped, not glued to the next one',
  );
  await scanner.stop();
});

t('starts without the device, finds it when it is attached', async () => {
  const { dev, usb, scanner, events } = setup(false);
  await scanner.start();
  assert.not.ok(scanner.isConnected);
  usb.plug(dev);
  assert.equal(events, ['connected']);
  await scanner.stop();
});

t('a missed attach event is covered by the periodic look-up', async () => {
  const { dev, usb, scanner } = setup(false);
  await scanner.start();
  usb.devices.add(dev); // appears without an attach event
  await once(scanner, 'connected');
  assert.ok(scanner.isConnected);
  await scanner.stop();
});

t('a device that refuses to be claimed is reported as an error and retried', async () => {
  const { dev, scanner } = setup();
  const errors: Error[] = [];
  scanner.on('error', (e) => errors.push(e));
  let refusals = 1;
  const claim = dev.iface.claim.bind(dev.iface);
  dev.iface.claim = () => {
    if (refusals-- > 0) throw new Error('LIBUSB_ERROR_BUSY');
    claim();
  };
  await scanner.start();
  assert.not.ok(scanner.isConnected);
  assert.is(errors.length, 1);
  assert.match(errors[0].message, /cannot claim interface: LIBUSB_ERROR_BUSY/);
  assert.is((errors[0] as { code?: string }).code, 'claim');
  assert.is(dev.iface.kernelDriverActive, true, 'the keyboard is handed back after a failed claim');
  await once(scanner, 'connected');
  await scanner.stop();
});

t('polls with transfers as large as the endpoint packet; decodes the 8-byte layout of longer reports', async () => {
  const { dev, scanner, scans } = setup();
  dev.endpoint.descriptor = { wMaxPacketSize: 64 };
  await scanner.start();
  assert.is(dev.endpoint.pollSize, 64);
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc(56)]);
  dev.send([Buffer.from([0, 0, 0x04, 0, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0])].map(pad));
  assert.equal(scans.map((s) => s.payload), ['a']);
  await scanner.stop();
});

t('a detach event carrying another Device object for the same bus address counts as the unplug', async () => {
  const { dev, usb, scanner, events } = setup();
  dev.busNumber = 1;
  dev.deviceAddress = 7;
  await scanner.start();
  const twin = new FakeUsbHidDevice(VID, PID);
  twin.busNumber = 1;
  twin.deviceAddress = 8;
  usb.emit('detach', twin); // a different device with the same ids: not ours
  assert.ok(scanner.isConnected);
  twin.deviceAddress = 7;
  usb.emit('detach', twin);
  assert.equal(events, ['connected', 'disconnected']);
  await scanner.stop();
});

t('the real usb module satisfies the shape: an absent device is waited for, stop lets the process exit', async () => {
  const { loadUsb } = await import('../../../drivers/usb/usb-host.js');
  const usb = await loadUsb<UsbDeviceShape>();
  assert.is(usb.findByIds(0xdead, 0xbeef), undefined);
  const scanner = new UsbHidScanner({ usb, vid: 0xdead, pid: 0xbeef, retryMs: 20 });
  await scanner.start();
  await new Promise((r) => setTimeout(r, 60));
  assert.not.ok(scanner.isConnected);
  await scanner.stop(); // if hotplug listeners stayed, this file would never exit (the runner kills it)
});

t.run();
