// Who may call the API: the host POS with the bearer token, the kiosk screen with the cookie
// it got when it loaded / from a loopback address. Without a configured token, loopback
// callers are trusted (the API binds to 127.0.0.1 by default).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const KIOSK_COOKIE = 'kiosk';

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1' || a.startsWith('127.');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export class ClientAuth {
  /** one secret per daemon run: a restart sends the screen through / again (it reloads anyway) */
  readonly kioskSecret = randomBytes(24).toString('hex');
  constructor(private readonly token: string | undefined) {}

  kioskCookie(): string {
    return `${KIOSK_COOKIE}=${this.kioskSecret}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** 'token' | 'kiosk' | 'loopback' when allowed; undefined when not. */
  who(req: IncomingMessage): 'token' | 'kiosk' | 'loopback' | undefined {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(h);
    if (m && this.token && sameSecret(m[1].trim(), this.token)) return 'token';
    const c = cookies(req)[KIOSK_COOKIE];
    if (c && sameSecret(c, this.kioskSecret)) return 'kiosk';
    if (!this.token && isLoopback(req)) return 'loopback';
    return undefined;
  }
}
