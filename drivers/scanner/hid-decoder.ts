// Boot-protocol keyboard reports → scanned payloads.
// Report: [modifiers, reserved, k1..k6]. A key is typed when it newly appears in a report (not
// when it stays down across reports, and not on release), so rollover and all-zero release
// reports never double a character. Enter, keypad Enter or Tab ends a payload.
import { ALT_GUI, CTRL, KEY_ENTER, KEY_ERROR_ROLLOVER, KEY_KEYPAD_ENTER, KEY_TAB, SHIFT, US_KEYMAP } from './hid-keymap.js';

/** Marks a key we cannot map (unknown usage, Alt/GUI chords): the payload check calls it junk. */
export const UNKNOWN_KEY = '\uFFFD';

export interface HidDecoderOptions {
  /** Longer input without a terminator is cut here so noise cannot grow memory (the rest is dropped). */
  maxLength?: number;
}

export class HidScanDecoder {
  #down = new Set<number>();
  #buf = '';
  readonly maxLength: number;
  constructor(opts: HidDecoderOptions = {}) {
    this.maxLength = opts.maxLength ?? 256;
  }

  /** Feeds one report; returns the payloads it completed (usually none or one). */
  push(report: Uint8Array): string[] {
    if (report.length < 8) return [];
    const mods = report[0];
    const keys = Array.from(report.subarray(2, 8));
    // Phantom state: the keyboard cannot tell which keys are down; keep the previous state.
    if (keys.every((k) => k === KEY_ERROR_ROLLOVER)) return [];
    const now = new Set(keys.filter((k) => k > 0x03));
    const done: string[] = [];
    for (const k of keys) {
      if (k <= 0x03 || this.#down.has(k)) continue;
      this.#down.add(k); // a key listed twice in one report is still one press
      if (k === KEY_ENTER || k === KEY_KEYPAD_ENTER || k === KEY_TAB) {
        done.push(this.#buf);
        this.#buf = '';
        continue;
      }
      if (this.#buf.length < this.maxLength) this.#buf += typed(k, mods);
    }
    this.#down = now;
    return done;
  }

  /** Forgets a half-typed payload and held keys (after unplug). */
  reset(): void {
    this.#down.clear();
    this.#buf = '';
  }
  get pending(): string {
    return this.#buf;
  }
}

function typed(code: number, mods: number): string {
  const pair = US_KEYMAP.get(code);
  if (!pair || mods & ALT_GUI) return UNKNOWN_KEY;
  if (mods & CTRL) {
    // Ctrl+letter is how keyboard-wedge scanners send ASCII control codes (e.g. GS = Ctrl+]).
    const base = pair[0].charCodeAt(0);
    if (base >= 0x61 && base <= 0x7a) return String.fromCharCode(base - 0x60);
    if (pair[0] === '[' || pair[0] === '\\' || pair[0] === ']') return String.fromCharCode(base - 0x40);
    return UNKNOWN_KEY;
  }
  return pair[mods & SHIFT ? 1 : 0];
}
