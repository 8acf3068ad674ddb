// The kiosk unit's Chromium command line, read from the shipped file: what the kiosk screen
// needs from the browser (sound without a tap, no first-run dialogs) and what it must never carry.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const text = readFileSync(fileURLToPath(new URL('../../systemd/glase-pos-kiosk.service', import.meta.url)), 'utf8');
/** ExecStart with its continuation lines joined, as systemd reads it */
const execStart = text.replace(/\\\n/g, ' ').match(/^ExecStart=(.*)$/m)?.[1] ?? '';
const args = execStart.split(/\s+/);

const t = suite('systemd unit: glase-pos-kiosk.service');

t('Chromium plays ui.sound without a user gesture (an unattended kiosk has none)', () => {
  assert.ok(args.includes('--autoplay-policy=no-user-gesture-required'), execStart);
});

t('Chromium runs as a kiosk without first-run or crash dialogs', () => {
  for (const flag of ['--kiosk', '--no-first-run', '--noerrdialogs', '--disable-session-crashed-bubble']) assert.ok(args.includes(flag), `${flag} missing: ${execStart}`);
});

t('the kiosk secret reaches Chromium through a credential, never on the command line', () => {
  assert.match(text, /^LoadCredential=kiosk-secret:/m);
  assert.not.match(execStart, /kiosk=|secret=/);
});

t.run();
