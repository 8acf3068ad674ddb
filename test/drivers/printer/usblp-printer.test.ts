// usblp character-device transport; a socat pty stands in for /dev/usb/lp0 (same open/read/
// write calls, and O_NONBLOCK reads that return EAGAIN when nothing is there).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceError } from '../../../drivers/printer/device-error.js';
import { Printer } from '../../../drivers/printer/printer.js';
import { UsblpTransport } from '../../../drivers/printer/usblp-transport.js';
import { startPrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { receiptBytes } from '../../../src/printing/index.js';
import { layout42, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('printer over usblp');

t('status and a receipt through the character device', async () => {
  const emu = await startPrinterEmulator({ pty: true, columns: 42 });
  const printer = new Printer(new UsblpTransport(emu.ptyPath!), { statusTimeoutMs: 1000 });
  try {
    assert.is((await printer.status()).paperEnd, false);
    await printer.print(receiptBytes(samplePost({ ersReference: '1111122222333334444455555' }), layout42, { copy: false }));
    const [doc] = await emu.waitForDocuments(1);
    assert.equal(doc.barcodes, [{ symbology: 'code128', data: '1111122222333334444455555' }]);
    emu.setState({ coverOpen: true });
    await printer.check().then(
      () => assert.unreachable('must not resolve'),
      (e: DeviceError) => assert.is(e.code, 'coverOpen'),
    );
  } finally {
    await printer.close();
    await emu.close();
  }
});

t('a device path that does not exist is disconnected', async () => {
  const printer = new Printer(new UsblpTransport('/dev/usb/lp-none'));
  await printer.status().then(
    () => assert.unreachable('must not resolve'),
    (e: DeviceError) => assert.is(e.code, 'disconnected'),
  );
});

t.run();
