// Who may call the API: the host POS with the bearer token (api.token); the kiosk screen with
// its cookie. The kiosk gets the cookie from /?kiosk=<kiosk secret>, which the kiosk unit opens
// once; only without a token does loading / from a loopback address hand one out too, and
// only then are loopback callers trusted without anything.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cookieValues } from './cookies.js';

export type Client = 'token' | 'kiosk' | 'loopback';

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1' || a.startsWith('127.');
}

/** Constant time, whatever the lengths: both sides are hashed first. */
export function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

export interface ClientAuthOptions {
  token?: string;
  /** from <dataDir>/kiosk-secret */
  kioskSecret: string;
  /** the API port: the cookie is named per port, since cookies are not scoped by port */
  port: number;
}

export class ClientAuth {
  readonly cookieName: string;
  /** the cookie of a kiosk that showed the secret; derived, so it survives a daemon restart */
  private readonly kioskValue: string;
  /** without a token only: the cookie a loopback page load gets, new each run */
  private readonly openValue = randomBytes(24).toString('hex');

  constructor(private readonly o: ClientAuthOptions) {
    this.cookieName = `kiosk_${o.port}`;
    this.kioskValue = createHmac('sha256', o.kioskSecret).update('glase-pos kiosk cookie').digest('hex');
  }

  isKioskSecret(given: string): boolean {
    return sameSecret(given, this.o.kioskSecret);
  }

  private cookie(value: string): string {
    return `${this.cookieName}=${value}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** for the kiosk that showed the kiosk secret */
  kioskCookie(): string {
    return this.cookie(this.kioskValue);
  }

  /** Without a token, a loopback page load gets a cookie, unless it already holds a good one. */
  openCookie(req: IncomingMessage): string | undefined {
    if (this.o.token || !isLoopback(req) || this.fromCookie(req)) return undefined;
    return this.cookie(this.openValue);
  }

  private fromCookie(req: IncomingMessage): boolean {
    // a page on another port of 127.0.0.1 may add a same-named cookie: any good value counts
    return cookieValues(req.headers.cookie, this.cookieName).some((v) => sameSecret(v, this.kioskValue) || (!this.o.token && sameSecret(v, this.openValue)));
  }

  /** who is calling, or undefined when not allowed */
  who(req: IncomingMessage): Client | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (m && this.o.token && sameSecret(m[1].trim(), this.o.token)) return 'token';
    // the kiosk is this machine's screen: its cookie counts only from a loopback address
    if (isLoopback(req) && this.fromCookie(req)) return 'kiosk';
    if (!this.o.token && isLoopback(req)) return 'loopback';
    return undefined;
  }
}

/** /metrics: a scraper on the till itself (loopback), or one elsewhere with the bearer token */
export function mayScrape(req: IncomingMessage, auth: ClientAuth): boolean {
  return isLoopback(req) || auth.who(req) === 'token';
}
