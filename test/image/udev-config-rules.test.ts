// The boot-time generator of udev rules for the printer and scanner named by vid:pid in the
// till config (image/rootfs/usr/lib/glase-pos/udev-config-rules.mjs), run as the image runs it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../image/rootfs/usr/lib/glase-pos/udev-config-rules.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'udev-'));
function generate(config: unknown | string) {
  const file = join(dir, 'config.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  const out = join(dir, 'rules.d/98-glase-pos-config.rules');
  const r = spawnSync(process.execPath, [SCRIPT, file, out], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return { rules: readFileSync(out, 'utf8'), stderr: r.stderr };
}
const ruleLines = (rules: string) => rules.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('ACTION') && !l.startsWith('LABEL'));

const t = suite('udev rules from the till config');

t('a USB printer by vid:pid (hex string or number) gets lp 0660 and /dev/glase-printer', () => {
  const { rules } = generate({ printer: { kind: 'usb', vid: '0x04B8', pid: 514 } });
  assert.equal(ruleLines(rules), ['SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="04b8", ATTR{idProduct}=="0202", GROUP="lp", MODE="0660", SYMLINK+="glase-printer"']);
});

t('a HID scanner gets plugdev and /dev/glase-scanner, and libinput (the kiosk) ignores it', () => {
  const lines = ruleLines(generate({ scanner: { kind: 'usb-hid', vid: '05e0', pid: '1200' } }).rules);
  assert.ok(lines.some((l) => l.includes('ATTR{idVendor}=="05e0"') && l.includes('GROUP="plugdev"') && l.includes('SYMLINK+="glase-scanner"')));
  assert.ok(lines.some((l) => l.startsWith('SUBSYSTEM=="input"') && l.includes('ATTRS{idVendor}=="05e0"') && l.includes('ENV{LIBINPUT_IGNORE_DEVICE}="1"')));
});

t('a serial scanner by its USB adapter ids gets dialout and the stable link', () => {
  const lines = ruleLines(generate({ scanner: { kind: 'serial', path: '/dev/glase-scanner', vid: '0403', pid: '6001' } }).rules);
  assert.equal(lines, ['SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", GROUP="dialout", MODE="0660", SYMLINK+="glase-scanner"']);
});

t('no ids: no device rules; a broken config or a bad id never stops the boot', () => {
  assert.equal(ruleLines(generate({ printer: { kind: 'tcp', host: 'p' } }).rules), []);
  const broken = generate('{"printer": ');
  assert.equal(ruleLines(broken.rules), []);
  assert.match(broken.stderr, /not valid JSON/);
  const bad = generate({ printer: { kind: 'usb', vid: 'zz', pid: 1 } });
  assert.equal(ruleLines(bad.rules), []);
  assert.match(bad.stderr, /printer\.vid: must be a 16-bit USB id/);
});

t('the static rules match printers by interface class, not only device class', () => {
  const text = readFileSync(fileURLToPath(new URL('../../systemd/99-glase-pos.rules', import.meta.url)), 'utf8');
  assert.match(text, /ENV\{ID_USB_INTERFACES\}=="\*:0701\?\?:\*", GROUP="lp", MODE="0660"/);
  // a GROUP on a usb_interface does nothing: it has no device node
  assert.not.match(text, /DEVTYPE\}=="usb_interface"[^\n]*GROUP/);
});

t.run();
