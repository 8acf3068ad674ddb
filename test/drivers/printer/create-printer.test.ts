import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SerialPortMock } from 'serialport';
import { createPrinter, createTransport } from '../../../drivers/printer/create-printer.js';
import { SerialTransport, type SerialBinding } from '../../../drivers/printer/serial-transport.js';
import { TcpTransport } from '../../../drivers/printer/tcp-transport.js';
import { UsbTransport } from '../../../drivers/printer/usb-transport.js';
import { UsblpTransport } from '../../../drivers/printer/usblp-transport.js';
import { FakeUsbPrinter } from '../../../drivers/virtual/fake-usb-printer.js';
import { parseConfig } from '../../../src/config.js';

const t = suite('createPrinter from config');
const printerCfg = (p: Record<string, unknown>) => parseConfig({ printer: p }).printer;

t('each kind gets its transport', async () => {
  assert.is(await createPrinter(printerCfg({ kind: 'none' })), undefined);
  const tcp = await createTransport(printerCfg({ kind: 'tcp', host: '10.0.0.9', port: 9100 }));
  assert.instance(tcp, TcpTransport);
  assert.is(tcp!.description, 'tcp 10.0.0.9:9100');
  const virt = await createTransport(printerCfg({ kind: 'virtual' }), { virtual: { host: '127.0.0.1', port: 4242 } });
  assert.is(virt!.description, 'tcp 127.0.0.1:4242');
  const serial = await createTransport(printerCfg({ kind: 'serial', path: '/dev/ttyS0' }), { serialBinding: SerialPortMock.binding as unknown as SerialBinding });
  assert.instance(serial, SerialTransport);
  assert.instance(await createTransport(printerCfg({ kind: 'usblp', path: '/dev/usb/lp0' })), UsblpTransport);
  const usb = await createTransport(printerCfg({ kind: 'usb', vid: '0x04b8', pid: '0202' }), { usb: new FakeUsbPrinter() });
  assert.instance(usb, UsbTransport);
  assert.is(usb!.description, 'usb 04b8:0202');
  await (usb as UsbTransport).dispose();
});

t('virtual without a running emulator is a clear error', async () => {
  await createTransport(printerCfg({ kind: 'virtual' })).then(
    () => assert.unreachable('must throw'),
    (e: Error) => assert.match(e.message, /printer emulator/),
  );
});

t.run();
