// Serial printer: MockBinding for the byte-level unit test, a real socat pty bridged to the
// emulator for the integration test.
import { SerialPort, SerialPortMock } from 'serialport';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DeviceError } from '../../../drivers/printer/device-error.js';
import { Printer } from '../../../drivers/printer/printer.js';
import { SerialTransport, type SerialBinding } from '../../../drivers/printer/serial-transport.js';
import { startPrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { receiptBytes } from '../../../src/printing/index.js';
import { layout32, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('printer over serial');
// serialport re-exports the mock binding with types (the binding-mock package has no ESM types)
const MockBinding = SerialPortMock.binding;

/** MockBinding whose port answers every DLE EOT n with the given byte, recording the rest. */
function answeringBinding(answer: (n: number) => number | undefined) {
  const written: number[] = [];
  const binding = {
    ...MockBinding,
    async open(opts: Parameters<typeof MockBinding.open>[0]) {
      const port = await MockBinding.open(opts);
      const write = port.write.bind(port);
      port.write = async (buf: Buffer) => {
        written.push(...buf);
        await write(buf);
        if (buf.length === 3 && buf[0] === 0x10 && buf[1] === 0x04) {
          const a = answer(buf[2]);
          if (a !== undefined) port.emitData(Buffer.of(a));
        }
      };
      return port;
    },
  };
  return { binding: binding as unknown as SerialBinding, written };
}

t('MockBinding: status queries are exactly DLE EOT 1..4, then the job bytes unchanged', async () => {
  MockBinding.reset();
  MockBinding.createPort('/dev/ttyPRN', { echo: false, record: false });
  const { binding, written } = answeringBinding(() => 0x12);
  const printer = new Printer(new SerialTransport({ path: '/dev/ttyPRN', baudRate: 19200, binding }), { statusTimeoutMs: 200 });
  const job = receiptBytes(samplePost(), layout32, { copy: false });
  await printer.print(job);
  const hex = Buffer.from(written).toString('hex');
  assert.ok(hex.startsWith('100401100402100403100404'));
  assert.is(hex, '100401100402100403100404' + Buffer.from(job).toString('hex') + '100401100402100403100404');
  await printer.close();
});

t('MockBinding: a port that answers nothing is noStatus; garbage is noStatus', async () => {
  MockBinding.reset();
  MockBinding.createPort('/dev/ttyPRN', { echo: false, record: false });
  const silent = new Printer(new SerialTransport({ path: '/dev/ttyPRN', baudRate: 19200, binding: answeringBinding(() => undefined).binding }), { statusTimeoutMs: 100 });
  await silent.status().then(
    () => assert.unreachable('must not resolve'),
    (e: DeviceError) => assert.is(e.code, 'noStatus'),
  );
  await silent.close();
  const noisy = new Printer(new SerialTransport({ path: '/dev/ttyPRN', baudRate: 19200, binding: answeringBinding(() => 0xff).binding }), { statusTimeoutMs: 100 });
  await noisy.status().then(
    () => assert.unreachable('must not resolve'),
    (e: DeviceError) => assert.is(e.code, 'noStatus'),
  );
  await noisy.close();
});

t('MockBinding: a missing port is disconnected', async () => {
  MockBinding.reset();
  const printer = new Printer(new SerialTransport({ path: '/dev/ttyNONE', baudRate: 19200, binding: MockBinding as unknown as SerialBinding }));
  await printer.status().then(
    () => assert.unreachable('must not resolve'),
    (e: DeviceError) => assert.is(e.code, 'disconnected'),
  );
});

t('real pty (socat) to the emulator: status, receipt, paper out', async () => {
  const emu = await startPrinterEmulator({ pty: true, columns: 32 });
  const printer = new Printer(new SerialTransport({ path: emu.ptyPath!, baudRate: 19200, binding: SerialPort.binding as SerialBinding }), {
    statusTimeoutMs: 1000,
  });
  try {
    assert.is((await printer.status()).online, true);
    await printer.print(receiptBytes(samplePost(), layout32, { copy: true }));
    const [doc] = await emu.waitForDocuments(1);
    assert.equal(doc.barcodes, [{ symbology: 'code128', data: '2026112915460700000012345' }]);
    assert.ok(doc.cut);
    assert.ok(doc.lines.some((l) => l.trim() === '*** COPY ***'));
    emu.setState({ paperOut: true });
    await printer.check().then(
      () => assert.unreachable('must not resolve'),
      (e: DeviceError) => assert.is(e.code, 'paperOut'),
    );
  } finally {
    await printer.close();
    await emu.close();
  }
});

t.run();
