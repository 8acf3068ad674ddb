import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { usbId } from '../../../drivers/usb/usb-id.js';

const t = suite('usbId (printer and scanner share it)');

t('USB ids: numbers and hex strings', () => {
  assert.is(usbId(0x04b8, 'printer.vid'), 0x04b8);
  assert.is(usbId('0x04B8', 'printer.vid'), 0x04b8);
  assert.is(usbId('0202', 'printer.pid'), 0x0202);
});

t('usbId parses numbers and hex strings, refuses the rest naming the key', () => {
  assert.is(usbId(1208, 'scanner.vid'), 1208);
  assert.is(usbId('0x04B8', 'scanner.vid'), 0x04b8);
  assert.is(usbId('04b8', 'scanner.vid'), 0x04b8);
  assert.throws(() => usbId(undefined, 'scanner.pid'), /^scanner\.pid: is required/);
  assert.throws(() => usbId('zz', 'scanner.vid'), /scanner\.vid: must be a 16-bit hex id/);
});

t('a printer id is checked as strictly as a scanner id (it used to become NaN)', () => {
  assert.throws(() => usbId('zz', 'printer.vid'), /^printer\.vid: must be a 16-bit hex id/);
  assert.throws(() => usbId(0x10000, 'printer.pid'), /^printer\.pid: must be a 16-bit hex id/);
  assert.throws(() => usbId(undefined, 'printer.pid'), /^printer\.pid: is required/);
});

t.run();
