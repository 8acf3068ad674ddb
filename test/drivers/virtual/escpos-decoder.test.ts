import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEscPos, EscPosDecoder } from '../../../drivers/virtual/escpos-decoder.js';
import { receiptBytes } from '../../../src/printing/index.js';
import { layout42, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('escpos decoder');

t('byte-by-byte feeding gives the same events as one chunk', () => {
  const bytes = receiptBytes(samplePost(), layout42, { copy: true });
  const d = new EscPosDecoder();
  const events = [...bytes].flatMap((b) => d.push(Uint8Array.of(b)));
  assert.equal(events, decodeEscPos(bytes).slice(0, events.length));
  assert.ok(events.some((e) => e.type === 'cut'));
});

t('QR code, code39 (function A), full cut, status requests and an image are understood', () => {
  const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 42 })
    .initialize()
    .qrcode('https://glase.example/r/1')
    .barcode('ABC-1', 'code39')
    .raw([0x10, 0x04, 0x02, 0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xff, 0x81])
    .line('after')
    .cut('full')
    .encode();
  const ev = decodeEscPos(bytes).filter((e) => e.type !== 'line' && e.type !== 'init');
  assert.equal(ev, [
    { type: 'qrcode', data: 'https://glase.example/r/1' },
    { type: 'barcode', symbology: 'code39', data: 'ABC-1' },
    { type: 'status-request', n: 2 },
    { type: 'cut', partial: false },
  ]);
  assert.ok(decodeEscPos(bytes).some((e) => e.type === 'line' && e.text === 'after'), 'raster image bytes skipped, not printed as text');
});

t('unknown control bytes are reported, not printed', () => {
  assert.equal(decodeEscPos(Uint8Array.of(0x07, 0x41, 0x0a)), [{ type: 'unknown', bytes: [7] }, { type: 'line', text: 'A' }]);
});

t('DLE DC4 8 (clear buffers) is recognised whole, even split across chunks', () => {
  const d = new EscPosDecoder();
  assert.equal(d.push(Uint8Array.of(0x10, 0x14, 0x08, 0x01, 0x03)), []);
  assert.equal(d.push(Uint8Array.of(0x14, 0x01, 0x06, 0x02, 0x08, 0x41, 0x0a)), [{ type: 'clear-buffer' }, { type: 'line', text: 'A' }]);
});

t('GS V with feed (m=66) is a partial cut', () => {
  assert.equal(decodeEscPos(Uint8Array.of(0x1d, 0x56, 66, 3)), [{ type: 'cut', partial: true }]);
});

t.run();
