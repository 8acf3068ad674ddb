// Printer + TcpTransport against the emulator on a real loopback socket.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DeviceError } from '../../../drivers/printer/device-error.js';
import { Printer } from '../../../drivers/printer/printer.js';
import { TcpTransport } from '../../../drivers/printer/tcp-transport.js';
import { startPrinterEmulator, type PrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { receiptBytes } from '../../../src/printing/index.js';
import { layout42, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('printer over TCP');
let emu: PrinterEmulator;
let printer: Printer;

async function rejects(p: Promise<unknown>, code: string): Promise<DeviceError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, DeviceError);
    assert.is((e as DeviceError).code, code);
    return e as DeviceError;
  }
  throw new assert.Assertion({ message: `expected DeviceError ${code}`, operator: 'rejects', actual: 'resolved', expects: code, generated: false, details: '' });
}

t.before.each(async () => {
  emu = await startPrinterEmulator({ columns: 42 });
  printer = new Printer(new TcpTransport({ host: emu.host, port: emu.port }), { statusTimeoutMs: 300, afterJobTimeoutMs: 1000 });
});
t.after.each(async () => {
  await printer.close();
  await emu.close();
});

t('status of a ready printer', async () => {
  assert.equal(await printer.status(), { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false });
  emu.setState({ paperNearEnd: true });
  assert.is((await printer.check()).paperNearEnd, true);
});

t('prints a receipt that decodes back at the printer', async () => {
  const post = samplePost();
  await printer.print(receiptBytes(post, layout42, { copy: false }));
  const [doc] = await emu.waitForDocuments(1);
  assert.ok(doc.cut);
  assert.not.ok(doc.interrupted);
  assert.equal(doc.barcodes, [{ symbology: 'code128', data: post.ersReference }]);
  assert.ok(doc.lines.some((l) => l.trim() === post.ersReference));
  assert.match(doc.svg, /data-code128="2026112915460700000012345"/);
});

t('paper out before printing: refused with paperOut and nothing is sent', async () => {
  emu.setState({ paperOut: true });
  const before = emu.core.bytesReceived;
  await rejects(printer.print(receiptBytes(samplePost(), layout42, { copy: false })), 'paperOut');
  assert.is(emu.core.bytesReceived - before, 12, 'only the four DLE EOT queries');
  assert.is(emu.core.buffersCleared, 0, 'nothing was sent, nothing to clear');
  assert.is(emu.documents.length, 0);
  assert.is(printer.readiness?.ready, false);
});

t('cover open and offline are told apart', async () => {
  emu.setState({ coverOpen: true });
  await rejects(printer.check(), 'coverOpen');
  emu.setState({ coverOpen: false, offline: true });
  await rejects(printer.check(), 'busy');
});

t('a printer that does not answer is noStatus, never OK', async () => {
  emu.setState({ mute: true });
  await rejects(printer.status(), 'noStatus');
  await rejects(printer.print(Uint8Array.of(0x41, 0x0a)), 'noStatus');
});

t('paper running out mid-receipt fails the job after it was sent', async () => {
  emu.setState({ paperLeftLines: 5 });
  await rejects(printer.print(receiptBytes(samplePost(), layout42, { copy: false })), 'paperOut');
  const [doc] = emu.documents;
  assert.ok(doc.interrupted);
  assert.not.ok(doc.cut);
  await new Promise((r) => setTimeout(r, 20));
  assert.is(emu.core.buffersCleared, 1, 'DLE DC4 8 sent so the rest of the job cannot print later');
});

t('unplug and replug: disconnected, then ready again on the same port', async () => {
  const events: string[] = [];
  printer.on('ready', () => events.push('ready'));
  printer.on('notReady', (e) => events.push(`notReady:${e.code}`));
  await printer.check();
  const { port } = emu;
  const core = emu.core;
  await emu.close();
  await new Promise((r) => setTimeout(r, 50));
  await rejects(printer.check(), 'disconnected');
  emu = await startPrinterEmulator({ port, core });
  await printer.check();
  await printer.print(receiptBytes(samplePost(), layout42, { copy: false }));
  assert.is((await emu.waitForDocuments(1)).length, 1);
  assert.equal(events, ['ready', 'notReady:disconnected', 'ready']);
});

t.run();
