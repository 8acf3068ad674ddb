import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HidScanDecoder, UNKNOWN_KEY } from '../../../drivers/scanner/hid-decoder.js';
import { reportsFor } from '../../../drivers/virtual/fake-usb-hid.js';

const r = (mods: number, ...keys: number[]) => Buffer.from([mods, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
const feed = (d: HidScanDecoder, reports: Buffer[]) => reports.flatMap((x) => d.push(x));

const t = suite('hid report decoding');

t('lower-case letters, digits and Enter from hand-written reports', () => {
  const d = new HidScanDecoder();
  // a, release, b, release, 1, release, 0, release, Enter, release
  const out = feed(d, [r(0, 0x04), r(0), r(0, 0x05), r(0), r(0, 0x1e), r(0), r(0, 0x27), r(0), r(0, 0x28), r(0)]);
  assert.equal(out, ['ab10']);
});

t('left and right shift give capitals and shifted symbols', () => {
  const d = new HidScanDecoder();
  const out = feed(d, [r(0x02, 0x04), r(0), r(0x20, 0x1f), r(0), r(0x02, 0x38), r(0), r(0x02, 0x2d), r(0), r(0, 0x28)]);
  assert.equal(out, ['A@?_']);
});

t('Tab and keypad Enter also end a scan; keypad digits type digits', () => {
  const d = new HidScanDecoder();
  assert.equal(feed(d, [r(0, 0x59), r(0), r(0, 0x62), r(0), r(0, 0x2b), r(0)]), ['10']);
  assert.equal(feed(d, [r(0, 0x06), r(0), r(0, 0x58), r(0)]), ['c']);
});

t('a key held across reports types once; all-zero release reports type nothing', () => {
  const d = new HidScanDecoder();
  const out = feed(d, [r(0, 0x04), r(0, 0x04), r(0, 0x04), r(0), r(0), r(0, 0x28)]);
  assert.equal(out, ['a']);
});

t('rollover: the next key pressed before the last is released types once, in order', () => {
  const d = new HidScanDecoder();
  // a down; a+b down; b down (a released); b+c; c; release; Enter
  const out = feed(d, [r(0, 0x04), r(0, 0x04, 0x05), r(0, 0x05), r(0, 0x05, 0x06), r(0, 0x06), r(0), r(0, 0x28), r(0)]);
  assert.equal(out, ['abc']);
  // The generator's rollover mode agrees, including a doubled letter (needs a release).
  assert.equal(feed(d, reportsFor('Glase42AAb', { rollover: true })), ['Glase42AAb']);
});

t('ErrorRollOver (phantom) reports are ignored and do not count as a release', () => {
  const d = new HidScanDecoder();
  const phantom = r(0, 1, 1, 1, 1, 1, 1);
  const out = feed(d, [r(0, 0x04), phantom, r(0, 0x04), r(0), r(0, 0x28)]);
  assert.equal(out, ['a']);
});

t('two new keys in one report type in slot order', () => {
  const d = new HidScanDecoder();
  assert.equal(feed(d, [r(0, 0x07, 0x08), r(0), r(0, 0x28)]), ['de']);
});

t('junk: unknown usages, Alt chords and Ctrl letters are marked, not dropped', () => {
  const d = new HidScanDecoder();
  // 0x3a = F1 (no character), Alt+a, Ctrl+] (GS, a GS1 separator), then 'x'
  const out = feed(d, [r(0, 0x3a), r(0), r(0x04, 0x04), r(0), r(0x01, 0x30), r(0), r(0, 0x1b), r(0), r(0, 0x28)]);
  assert.equal(out, [`${UNKNOWN_KEY}${UNKNOWN_KEY}\u001dx`]);
});

t('short reports are ignored, overlong input is capped, reset drops a half scan', () => {
  const d = new HidScanDecoder({ maxLength: 3 });
  assert.equal(d.push(Buffer.from([0, 0, 4])), []);
  assert.equal(feed(d, reportsFor('abcdef')), ['abc']);
  feed(d, reportsFor('xy', { terminator: 'none' }));
  assert.is(d.pending, 'xy');
  d.reset();
  assert.equal(feed(d, reportsFor('z')), ['z']);
});

t('the generator refuses characters a US keyboard cannot type', () => {
  assert.throws(() => reportsFor('é'), /no US key/);
  const rep = reportsFor('A', { terminator: 'Tab' });
  assert.equal([...rep[0]], [0x02, 0, 0x04, 0, 0, 0, 0, 0]);
  assert.equal([...rep[1]], [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal([...rep[2]], [0, 0, 0x2b, 0, 0, 0, 0, 0]);
});

t.run();
