// Code 128 set B symbol widths (ISO/IEC 15417): the receipt preview (src/printing/svg.ts)
// draws the bars with them and the printer emulator (drivers/virtual) renders what it decoded.
// The printer itself draws its own bars. It sits in drivers/ because that is the lowest place
// both users may import (drivers/ never imports src/), and in barcode/, not printer/, because
// it is a symbology, not part of talking to a printer.

// Bar/space module widths for values 0–106, bar first; 106 (stop) carries its termination bar.
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 ' +
  '221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 ' +
  '221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 ' +
  '212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 ' +
  '231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 ' +
  '231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 ' +
  '314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 ' +
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 ' +
  '214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 ' +
  '114131 311141 411131 211412 211214 211232 2331112'
).split(' ');

const START_B = 104;
const STOP = 106;

/** Symbol values for `data` in code set B, with start, checksum and stop. */
export function code128Values(data: string): number[] {
  if (data.length === 0) throw new RangeError('code128: data must not be empty');
  const values = [START_B];
  for (const ch of data) {
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c < 32 || c > 126) throw new RangeError(`code128: character ${JSON.stringify(ch)} is outside ASCII 32–126`);
    values.push(c - 32);
  }
  let sum = START_B;
  for (let i = 1; i < values.length; i++) sum += values[i] * i;
  values.push(sum % 103, STOP);
  return values;
}

/** Alternating bar/space widths in modules, bar first (quiet zones not included). */
export function code128Widths(data: string): number[] {
  return code128Values(data).flatMap((v) => [...PATTERNS[v]].map(Number));
}

/** Decodes bar/space widths back into set-B text; throws on a bad pattern or checksum. */
export function code128Decode(widths: number[]): string {
  const values: number[] = [];
  let i = 0;
  while (i < widths.length) {
    const len = widths.length - i === 7 ? 7 : 6;
    const v = PATTERNS.indexOf(widths.slice(i, i + len).join(''));
    if (v < 0) throw new Error(`code128: unknown pattern at element ${i}`);
    values.push(v);
    i += len;
  }
  if (values[0] !== START_B || values[values.length - 1] !== STOP) throw new Error('code128: missing start B or stop');
  const body = values.slice(1, -2);
  const check = body.reduce((s, v, k) => s + v * (k + 1), START_B) % 103;
  if (check !== values[values.length - 2]) throw new Error('code128: checksum mismatch');
  return String.fromCharCode(...body.map((v) => v + 32));
}
