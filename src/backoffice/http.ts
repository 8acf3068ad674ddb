// Small HTTP helpers for the back office: answers, bodies (JSON and forms, size-capped),
// cookies, HTML escaping. No framework: a handful of routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GlasePosError } from '../lib/errors.js';
import { readBody } from '../lib/http-body.js';

/** An answer of the back office that is not a success (code backoffice.http.<status>); the till's API has its own HttpError. */
export class BackOfficeHttpError extends GlasePosError {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(`backoffice.http.${status}`, message);
  }
}

export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer a form post's Origin is "null" and the same-origin check fails
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

export const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);

export const sendHtml = (res: ServerResponse, status: number, html: string, extra: Record<string, string | string[]> = {}): void =>
  send(res, status, 'text/html; charset=utf-8', html, extra);

export const redirect = (res: ServerResponse, to: string, extra: Record<string, string | string[]> = {}): void => {
  res.writeHead(303, { location: to, ...SECURITY_HEADERS, ...extra });
  res.end();
};

export async function jsonBody(req: IncomingMessage, maxBytes = 4 * 1024 * 1024): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new BackOfficeHttpError(415, 'content-type: must be application/json');
  const text = await readBody(req, maxBytes);
  if (text === undefined) throw new BackOfficeHttpError(413, `body: at most ${maxBytes} bytes`);
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new BackOfficeHttpError(400, 'body: must be a JSON object');
  }
}

export async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] ?? '')) throw new BackOfficeHttpError(415, 'content-type: must be a form');
  const text = await readBody(req, 64 * 1024);
  if (text === undefined) throw new BackOfficeHttpError(413, 'form: too large');
  return new URLSearchParams(text);
}

export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.headers.authorization ?? '');
  return m?.[1];
}
