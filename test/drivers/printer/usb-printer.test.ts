// USB printer class through the legacy `usb` shape, with a hand-written fake device.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceError } from '../../../drivers/printer/device-error.js';
import { Printer } from '../../../drivers/printer/printer.js';
import { UsbTransport } from '../../../drivers/printer/usb-transport.js';
import { FakeUsbPrinter } from '../../../drivers/virtual/fake-usb-printer.js';
import { receiptBytes } from '../../../src/printing/index.js';
import { layout42, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('printer over USB');
const once = <T>(emitter: { once(e: string, l: (v: T) => void): unknown }, event: string) => new Promise<T>((r) => emitter.once(event, r));

t('detaches the kernel driver, claims, prints over bulk OUT, reads status over bulk IN', async () => {
  const usb = new FakeUsbPrinter(0x04b8, 0x0202);
  const transport = new UsbTransport({ host: usb, vid: 0x04b8, pid: 0x0202 });
  const printer = new Printer(transport, { statusTimeoutMs: 300 });
  await printer.print(receiptBytes(samplePost(), layout42, { copy: false }));
  assert.equal(usb.calls.slice(0, 3), ['open', 'detachKernelDriver', 'claim']);
  const [doc] = usb.core.documents;
  assert.equal(doc.barcodes, [{ symbology: 'code128', data: samplePost().ersReference }]);
  assert.ok(doc.cut);
  await transport.dispose();
  assert.ok(usb.calls.includes('release') && usb.calls.includes('close'));
});

t('a different VID/PID is not plugged in: disconnected', async () => {
  const usb = new FakeUsbPrinter(0x04b8, 0x0202);
  const transport = new UsbTransport({ host: usb, vid: 0x0519, pid: 0x0001 });
  await new Printer(transport).status().then(
    () => assert.unreachable('must not resolve'),
    (e: DeviceError) => assert.is(e.code, 'disconnected'),
  );
  await transport.dispose();
});

t('unplug → notReady disconnected; replug → attach → ready again, kernel driver detached again', async () => {
  const usb = new FakeUsbPrinter();
  const transport = new UsbTransport({ host: usb, vid: usb.vid, pid: usb.pid });
  const printer = new Printer(transport, { statusTimeoutMs: 300 });
  await printer.check();
  const lost = once<DeviceError>(printer, 'notReady');
  usb.unplug();
  assert.is((await lost).code, 'disconnected');
  await printer.print(Uint8Array.of(0x41, 0x0a)).then(
    () => assert.unreachable('must not print while unplugged'),
    (e: DeviceError) => assert.is(e.code, 'disconnected'),
  );
  const back = once(printer, 'ready');
  usb.plug();
  await back;
  assert.is(usb.calls.filter((c) => c === 'detachKernelDriver').length, 2);
  usb.core.setState({ paperOut: true });
  await printer.check().then(
    () => assert.unreachable('must not resolve'),
    (e: DeviceError) => assert.is(e.code, 'paperOut'),
  );
  await transport.dispose();
});

t.run();
