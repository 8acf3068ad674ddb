// Code page 437 ("IBM PC 8-bit", SIE's #FORMAT PC8). Node's TextDecoder has no IBM437, so a
// 128-entry table for the upper half; ASCII maps to itself. A character outside the page
// becomes '?', and control characters (tabs, newlines) a space, so a record stays one line.
const HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const TO_BYTE = new Map<string, number>([...HIGH].map((c, i) => [c, 0x80 + i]));

export function encodeCp437(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x0d || code === 0x0a) out.push(code); // line ends are the writer's own
    else if (code < 0x20 || code === 0x7f) out.push(0x20);
    else if (code < 0x80) out.push(code);
    else out.push(TO_BYTE.get(ch) ?? 0x3f);
  }
  return Buffer.from(out);
}

export function decodeCp437(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : [...HIGH][b - 0x80];
  return s;
}

export const CP437_TABLE_SIZE = [...HIGH].length;
