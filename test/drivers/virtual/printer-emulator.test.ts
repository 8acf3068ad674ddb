// The emulator on its own: raw bytes over a real socket and through a socat pty.
import { constants, promises as fs } from 'node:fs';
import net from 'node:net';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startPrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';

const t = suite('printer emulator');

function exchange(port: number, bytes: Uint8Array, expect: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => s.write(bytes));
    let got = Buffer.alloc(0);
    s.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= expect) {
        s.end();
        resolve(got);
      }
    });
    s.on('error', reject);
    if (expect === 0) s.on('connect', () => setTimeout(() => (s.end(), resolve(got)), 50));
  });
}

t('listens on an ephemeral port and answers DLE EOT 1–4 from its state', async () => {
  const emu = await startPrinterEmulator();
  try {
    assert.ok(emu.port > 0);
    const q = Uint8Array.of(0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4);
    assert.is((await exchange(emu.port, q, 4)).toString('hex'), '12121212');
    emu.setState({ paperOut: true });
    assert.is((await exchange(emu.port, q, 4)).toString('hex'), '1a32127e', 'offline, paper-end stop, roll end + near end');
    emu.setState({ paperOut: false, coverOpen: true, paperNearEnd: true });
    assert.is((await exchange(emu.port, q, 4)).toString('hex'), '1a16121e');
  } finally {
    await emu.close();
  }
});

t('keeps decoded documents: lines, barcode, QR code, cut, text and SVG', async () => {
  const emu = await startPrinterEmulator({ columns: 32 });
  try {
    const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 32 })
      .initialize()
      .line('first')
      .barcode('ABC123', 'code128', { height: 40 })
      .qrcode('glase:1234')
      .line('last')
      .cut()
      .line('second doc')
      .cut()
      .encode();
    await exchange(emu.port, bytes, 0);
    const docs = await emu.waitForDocuments(2);
    assert.equal(docs[0].lines.filter(Boolean), ['first', 'last']);
    assert.equal(docs[0].barcodes, [{ symbology: 'code128', data: 'ABC123' }]);
    assert.equal(docs[0].qrcodes, ['glase:1234']);
    assert.ok(docs[0].cut);
    assert.match(docs[0].text, /\[CODE128 ABC123\]\n/);
    assert.match(docs[0].svg, /data-code128="ABC123"/);
    assert.match(docs[0].svg, /data-qr="glase:1234"/);
    assert.equal(docs[1].lines.filter(Boolean), ['second doc']);
  } finally {
    await emu.close();
  }
});

t('content sent while out of paper is not printed', async () => {
  const emu = await startPrinterEmulator();
  try {
    emu.setState({ paperOut: true });
    await exchange(emu.port, new ReceiptPrinterEncoder().initialize().line('lost').cut().encode(), 0);
    assert.is(emu.documents.length, 0);
  } finally {
    await emu.close();
  }
});

t('the pty speaks the same protocol (socat bridge)', async () => {
  const emu = await startPrinterEmulator({ pty: true });
  // async I/O: the emulator runs in this process, a blocking read would starve it
  const fh = await fs.open(emu.ptyPath!, constants.O_RDWR | constants.O_NOCTTY);
  try {
    await fh.write(Uint8Array.of(0x10, 4, 4));
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(1), 0, 1, null);
    assert.is(bytesRead, 1);
    assert.is(buffer[0], 0x12);
    await fh.write(new ReceiptPrinterEncoder().initialize().line('via pty').cut().encode());
    const [doc] = await emu.waitForDocuments(1);
    assert.ok(doc.lines.includes('via pty'));
  } finally {
    await fh.close();
    await emu.close();
  }
});

t.run();
