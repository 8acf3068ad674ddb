// USB HID usage IDs (Keyboard/Keypad page 0x07) → characters, US layout, as a boot keyboard
// reports them. Shared by the decoder and the fake device so both sides agree on one table.

/** Modifier byte bits (report byte 0). */
export const MOD = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;
export const SHIFT = MOD.leftShift | MOD.rightShift;
export const CTRL = MOD.leftCtrl | MOD.rightCtrl;
export const ALT_GUI = MOD.leftAlt | MOD.rightAlt | MOD.leftGui | MOD.rightGui;

export const KEY_ENTER = 0x28;
export const KEY_TAB = 0x2b;
export const KEY_KEYPAD_ENTER = 0x58;
/** Usage 0x01: "ErrorRollOver": every slot holds it when too many keys are down (phantom state). */
export const KEY_ERROR_ROLLOVER = 0x01;

/** usage → [unshifted, shifted]. */
export const US_KEYMAP: ReadonlyMap<number, readonly [string, string]> = (() => {
  const m = new Map<number, readonly [string, string]>();
  for (let i = 0; i < 26; i++) {
    const c = String.fromCharCode(0x61 + i);
    m.set(0x04 + i, [c, c.toUpperCase()]);
  }
  const digitsShifted = '!@#$%^&*(';
  for (let i = 0; i < 9; i++) m.set(0x1e + i, [String(i + 1), digitsShifted[i]]);
  m.set(0x27, ['0', ')']);
  m.set(0x2c, [' ', ' ']);
  const punct: [number, string, string][] = [
    [0x2d, '-', '_'], [0x2e, '=', '+'], [0x2f, '[', '{'], [0x30, ']', '}'], [0x31, '\\', '|'],
    [0x33, ';', ':'], [0x34, "'", '"'], [0x35, '`', '~'], [0x36, ',', '<'], [0x37, '.', '>'],
    [0x38, '/', '?'],
  ];
  for (const [code, a, b] of punct) m.set(code, [a, b]);
  // Keypad (scanners in "keypad digits" mode); shift does not change these with Num Lock on.
  const keypad: [number, string][] = [[0x54, '/'], [0x55, '*'], [0x56, '-'], [0x57, '+'], [0x63, '.']];
  for (const [code, c] of keypad) m.set(code, [c, c]);
  for (let i = 0; i < 9; i++) m.set(0x59 + i, [String(i + 1), String(i + 1)]);
  m.set(0x62, ['0', '0']);
  return m;
})();

/** char → how a US keyboard types it (main block only, never the keypad). */
export const US_REVERSE: ReadonlyMap<string, { code: number; shift: boolean }> = (() => {
  const r = new Map<string, { code: number; shift: boolean }>();
  for (const [code, [plain, shifted]] of US_KEYMAP) {
    if (code >= 0x54) continue;
    if (!r.has(plain)) r.set(plain, { code, shift: false });
    if (!r.has(shifted)) r.set(shifted, { code, shift: true });
  }
  return r;
})();
