import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeStatus, encodeStatus, isStatusByte, statusProblem, type PrinterStatus } from '../../../drivers/printer/status.js';

const t = suite('DLE EOT status bytes');
const OK: PrinterStatus = { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false };
const B = 0x12; // fixed bits 1 and 4 set

t('all clear', () => {
  assert.equal(decodeStatus([B, B, B, B]), OK);
  assert.is(statusProblem(OK), undefined);
});

t('n=1 bit 3: offline', () => assert.equal(decodeStatus([B | 0x08, B, B, B]), { ...OK, online: false }));
t('n=2 bit 2: cover open', () => assert.equal(decodeStatus([B, B | 0x04, B, B]), { ...OK, coverOpen: true }));
t('n=2 bit 5: stopped by paper end', () => assert.equal(decodeStatus([B, B | 0x20, B, B]), { ...OK, paperEnd: true }));
t('n=2 bit 6: error', () => assert.equal(decodeStatus([B, B | 0x40, B, B]), { ...OK, error: true }));
t('n=3 bit 3: autocutter error', () => assert.equal(decodeStatus([B, B, B | 0x08, B]), { ...OK, error: true }));
t('n=3 bit 5: unrecoverable error', () => assert.equal(decodeStatus([B, B, B | 0x20, B]), { ...OK, error: true }));
t('n=3 bit 6: auto-recoverable error', () => assert.equal(decodeStatus([B, B, B | 0x40, B]), { ...OK, error: true }));
t('n=4 bits 2,3: paper near end', () => assert.equal(decodeStatus([B, B, B, B | 0x0c]), { ...OK, paperNearEnd: true }));
t('n=4 bits 5,6: paper end', () => assert.equal(decodeStatus([B, B, B, B | 0x60]), { ...OK, paperEnd: true }));
t('n=1 drawer bit (2) does not matter', () => assert.equal(decodeStatus([B | 0x04, B, B, B]), OK));

t('fixed bits tell a status byte from noise', () => {
  assert.ok(isStatusByte(0x12));
  assert.ok(isStatusByte(0x7e));
  for (const b of [0x00, 0x13, 0x92, 0x10, 0x02, 0xff]) assert.not.ok(isStatusByte(b), `0x${b.toString(16)}`);
});

t('problems map to DeviceError codes, paper first', () => {
  assert.is(statusProblem({ ...OK, paperEnd: true, online: false })?.code, 'paperOut');
  assert.is(statusProblem({ ...OK, coverOpen: true, online: false })?.code, 'coverOpen');
  assert.is(statusProblem({ ...OK, online: false })?.code, 'busy');
  assert.is(statusProblem({ ...OK, error: true })?.code, 'busy');
  assert.is(statusProblem({ ...OK, paperNearEnd: true }), undefined, 'near end still prints');
});

t('encode → decode round trip for every combination', () => {
  for (let m = 0; m < 32; m++) {
    const s: PrinterStatus = { online: !(m & 1), coverOpen: !!(m & 2), paperEnd: !!(m & 4), paperNearEnd: !!(m & 8) || !!(m & 4), error: !!(m & 16) };
    const bytes = encodeStatus(s);
    assert.ok(bytes.every(isStatusByte));
    assert.equal(decodeStatus(bytes), s);
  }
});

t('wrong length is refused', () => assert.throws(() => decodeStatus([B, B]), /4 bytes/));

t.run();
