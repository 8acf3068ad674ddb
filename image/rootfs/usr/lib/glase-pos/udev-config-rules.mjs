#!/usr/bin/env node
// Writes udev rules for the printer and scanner named by vid:pid in the till's config, so a
// printer that does not declare class 07, a HID scanner and a serial adapter get the
// glase-pos groups and the stable /dev/glase-printer, /dev/glase-scanner links. Runs at boot
// before udevd (glase-pos-udev-config.service); rules in /run/udev/rules.d need no writable /etc.
// Usage: udev-config-rules.mjs [CONFIG [OUT]]  (OUT "-" prints)
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

/** 0x04b8, "04b8", 1208 → "04b8" (udev's ATTR{idVendor} is 4 lowercase hex digits) */
export function usbHex(value, field) {
  let n;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^(0x)?[0-9a-fA-F]{1,4}$/.test(value)) n = parseInt(value.replace(/^0x/i, ''), 16);
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new Error(`${field}: must be a 16-bit USB id like 0x04b8`);
  return n.toString(16).padStart(4, '0');
}

const device = (vid, pid) => `SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="${vid}", ATTR{idProduct}=="${pid}"`;
const parentIds = (vid, pid) => `ATTRS{idVendor}=="${vid}", ATTRS{idProduct}=="${pid}"`;

/** the rules text for a parsed config.json (only printer and scanner are read) */
export function rulesFor(config) {
  const lines = ['# generated from /etc/glase-pos/config.json at boot by udev-config-rules.mjs; do not edit', 'ACTION=="remove", GOTO="glase_config_end"'];
  const p = config.printer ?? {};
  if (p.vid !== undefined && p.pid !== undefined) {
    const [v, d] = [usbHex(p.vid, 'printer.vid'), usbHex(p.pid, 'printer.pid')];
    if (p.kind === 'serial') lines.push(`SUBSYSTEM=="tty", ${parentIds(v, d)}, GROUP="dialout", MODE="0660", SYMLINK+="glase-printer"`);
    else lines.push(`${device(v, d)}, GROUP="lp", MODE="0660", SYMLINK+="glase-printer"`);
  }
  const s = config.scanner ?? {};
  if (s.vid !== undefined && s.pid !== undefined) {
    const [v, d] = [usbHex(s.vid, 'scanner.vid'), usbHex(s.pid, 'scanner.pid')];
    if (s.kind === 'serial') {
      lines.push(`SUBSYSTEM=="tty", ${parentIds(v, d)}, GROUP="dialout", MODE="0660", SYMLINK+="glase-scanner"`);
    } else {
      // the till reads the HID scanner raw through libusb (detaching usbhid needs only write
      // access to the usbfs node); its input devices are never a keyboard of the kiosk
      // session: libinput (cage/wlroots) skips devices with LIBINPUT_IGNORE_DEVICE=1
      lines.push(`${device(v, d)}, GROUP="plugdev", MODE="0660", SYMLINK+="glase-scanner"`);
      lines.push(`SUBSYSTEM=="input", ${parentIds(v, d)}, ENV{LIBINPUT_IGNORE_DEVICE}="1", ENV{ID_INPUT_KEYBOARD}="", ENV{ID_INPUT_KEY}=""`);
      lines.push(`SUBSYSTEM=="hidraw", ${parentIds(v, d)}, GROUP="plugdev", MODE="0660"`);
    }
  }
  lines.push('LABEL="glase_config_end"', '');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file = '/etc/glase-pos/config.json', out = '/run/udev/rules.d/98-glase-pos-config.rules'] = process.argv.slice(2);
  let config = {};
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    // a broken config must not stop the boot: the daemon reports it (exit 2); the static rules still apply
    console.error(`udev-config-rules: ${file}: ${e.code ?? 'not valid JSON'}; no configured device rules`);
  }
  let text;
  try {
    text = rulesFor(config);
  } catch (e) {
    console.error(`udev-config-rules: ${file}: ${e.message}; no configured device rules`);
    text = rulesFor({});
  }
  if (out === '-') process.stdout.write(text);
  else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out + '.tmp', text);
    renameSync(out + '.tmp', out);
  }
}
