// Reading a Cookie header defensively: any page on 127.0.0.1 (any port) can set cookies the
// kiosk's browser then sends to us, so a malformed one is skipped, never an error.
/** Every value of the cookie `name` (a browser may send the same name twice, from two paths). */
export function cookieValues(header: string | undefined, name: string): string[] {
  const out: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0 || part.slice(0, i).trim() !== name) continue;
    const raw = part.slice(i + 1).trim();
    try {
      out.push(decodeURIComponent(raw));
    } catch {
      /* malformed percent-encoding: not ours, ignored */
    }
  }
  return out;
}
