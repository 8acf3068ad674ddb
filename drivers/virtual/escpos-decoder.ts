// Incremental ESC/POS decoder: bytes in (in any chunking), events out. Used by the printer
// emulator and by tests to check what a receipt really tells a printer to do.

export type EscPosEvent =
  | { type: 'init' }
  | { type: 'line'; text: string }
  | { type: 'barcode'; symbology: string; data: string }
  | { type: 'qrcode'; data: string }
  | { type: 'cut'; partial: boolean }
  | { type: 'status-request'; n: number }
  /** DLE DC4 8: clear receive and print buffers (real-time) */
  | { type: 'clear-buffer' }
  | { type: 'unknown'; bytes: number[] };

const ESC = 0x1b, GS = 0x1d, FS = 0x1c, DLE = 0x10, LF = 0x0a, CR = 0x0d, HT = 0x09;

const SYMBOLOGY: Record<number, string> = {
  0: 'upca', 1: 'upce', 2: 'ean13', 3: 'ean8', 4: 'code39', 5: 'itf', 6: 'codabar',
  65: 'upca', 66: 'upce', 67: 'ean13', 68: 'ean8', 69: 'code39', 70: 'itf', 71: 'codabar', 72: 'code93', 73: 'code128',
};

/** Code page 437 upper half, enough to show Nordic and Western names on the emulator. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';

export class EscPosDecoder {
  private pending: number[] = [];
  private line = '';
  private qrData = '';

  /** Feeds bytes; returns the events completed by them. Incomplete commands wait for more bytes. */
  push(chunk: Uint8Array): EscPosEvent[] {
    for (const b of chunk) this.pending.push(b);
    const events: EscPosEvent[] = [];
    let i = 0;
    while (i < this.pending.length) {
      const used = this.step(this.pending, i, events);
      if (used === 0) break; // need more bytes
      i += used;
    }
    this.pending = this.pending.slice(i);
    return events;
  }

  /** Text on the current, not yet fed, line. */
  get partialLine(): string {
    return this.line;
  }

  /** Returns bytes consumed at `i`, or 0 when the command there is incomplete. */
  private step(buf: number[], i: number, out: EscPosEvent[]): number {
    const b = buf[i];
    const at = (k: number) => buf[i + k];
    const have = (n: number) => buf.length - i >= n;
    if (b === LF) {
      out.push({ type: 'line', text: this.line.trimEnd() });
      this.line = '';
      return 1;
    }
    if (b === CR) return 1; // the encoder sends LF CR; CR alone does not feed on ESC/POS printers
    if (b === HT) {
      this.line += ' '.repeat(8 - (this.line.length % 8));
      return 1;
    }
    if (b >= 0x20) {
      this.line += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
      return 1;
    }
    if (b === DLE) {
      if (!have(2)) return 0;
      if (at(1) === 0x04 || at(1) === 0x05) {
        if (!have(3)) return 0;
        if (at(1) === 0x04) out.push({ type: 'status-request', n: at(2) });
        return 3;
      }
      if (at(1) === 0x14) {
        if (!have(3)) return 0;
        const len = at(2) === 8 ? 10 : 5;
        if (!have(len)) return 0;
        if (at(2) === 8) out.push({ type: 'clear-buffer' });
        return len;
      }
      return 1; // a lone DLE is nothing
    }
    if (b === ESC) {
      if (!have(2)) return 0;
      const c = String.fromCharCode(at(1));
      if (c === '@') {
        this.line = '';
        out.push({ type: 'init' });
        return 2;
      }
      if (c === 'i' || c === 'm') {
        out.push({ type: 'cut', partial: c === 'm' });
        return 2;
      }
      if (c === '2' || c === '<') return 2;
      if (c === 'p' || c === '$' || c === 'B' || (c === 'c' && at(2) !== undefined)) {
        const len = c === 'p' ? 5 : 4;
        return have(len) ? len : 0;
      }
      if (c === '*') {
        if (!have(5)) return 0;
        const len = 5 + (at(3) + at(4) * 256) * (at(2) <= 1 ? 1 : 3);
        return have(len) ? len : 0;
      }
      if ('E-MtadJ!G3VR r{UTS'.includes(c)) return have(3) ? 3 : 0;
      out.push({ type: 'unknown', bytes: [ESC, at(1)] });
      return 2;
    }
    if (b === FS) {
      if (!have(2)) return 0;
      const c = String.fromCharCode(at(1));
      if (c === 'p') return have(4) ? 4 : 0;
      if (c === 'C' || c === '!' || c === '-') return have(3) ? 3 : 0;
      return 2; // FS . / FS & (Kanji on/off)
    }
    if (b === GS) return this.gs(buf, i, out);
    out.push({ type: 'unknown', bytes: [b] });
    return 1;
  }

  private gs(buf: number[], i: number, out: EscPosEvent[]): number {
    const have = (n: number) => buf.length - i >= n;
    if (!have(3)) return 0;
    const c = String.fromCharCode(buf[i + 1]);
    const m = buf[i + 2];
    if (c === 'V') {
      if (m === 0 || m === 1 || m === 48 || m === 49) {
        out.push({ type: 'cut', partial: m % 2 === 1 });
        return 3;
      }
      if (!have(4)) return 0;
      out.push({ type: 'cut', partial: m % 2 === 0 });
      return 4;
    }
    if (c === 'k') {
      if (m <= 6) {
        const end = buf.indexOf(0, i + 3);
        if (end < 0) return 0;
        out.push({ type: 'barcode', symbology: SYMBOLOGY[m] ?? `type-${m}`, data: ascii(buf.slice(i + 3, end)) });
        return end - i + 1;
      }
      if (!have(4)) return 0;
      const len = 4 + buf[i + 3];
      if (!have(len)) return 0;
      const data = buf.slice(i + 4, i + len);
      const symbology = SYMBOLOGY[m] ?? `type-${m}`;
      out.push({ type: 'barcode', symbology, data: symbology === 'code128' ? code128Data(data) : ascii(data) });
      return len;
    }
    if (c === '(') {
      if (!have(5)) return 0;
      const len = 5 + buf[i + 3] + buf[i + 4] * 256;
      if (!have(len)) return 0;
      if (buf[i + 2] === 0x6b && buf[i + 5] === 0x31) {
        const fn = buf[i + 6];
        if (fn === 0x50) this.qrData = ascii(buf.slice(i + 8, i + len));
        if (fn === 0x51) out.push({ type: 'qrcode', data: this.qrData });
      }
      return len;
    }
    if (c === 'v') {
      if (!have(8)) return 0;
      const len = 8 + (buf[i + 4] + buf[i + 5] * 256) * (buf[i + 6] + buf[i + 7] * 256);
      return have(len) ? len : 0;
    }
    if (c === 'L' || c === 'W') return have(4) ? 4 : 0;
    return 3; // GS ! B h w H f a r I and friends: one parameter byte
  }
}

/** GS k 73 data: "{A"/"{B" text and "{C" digit pairs, back to the characters they encode. */
export function code128Data(bytes: number[]): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k];
    if (b === 0x7b && k + 1 < bytes.length) {
      const n = String.fromCharCode(bytes[k + 1]);
      if (n === 'A' || n === 'B' || n === 'C') {
        set = n;
        k++;
        continue;
      }
      if (n === '{') {
        out += '{';
        k++;
        continue;
      }
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

function ascii(bytes: number[]): string {
  return String.fromCharCode(...bytes);
}

/** Decodes a whole byte string at once (tests, previews). */
export function decodeEscPos(bytes: Uint8Array): EscPosEvent[] {
  const d = new EscPosDecoder();
  const events = d.push(bytes);
  if (d.partialLine) events.push({ type: 'line', text: d.partialLine.trimEnd() });
  return events;
}
