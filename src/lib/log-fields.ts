// What a log line may show of its fields. Keys that look secret are masked at any depth
// (nested objects, arrays, an error's own properties and its causes); cycles are cut; an
// error becomes one line "message: cause: cause" (info and above), or at debug an object with
// its stack, code, own properties and the whole cause chain.

const SECRET_KEY = /pass(word)?|pin|secret|token|authorization/i;
export const MASK = '***';
/** deeper than this a value is cut: a log line stays bounded whatever it is given */
const MAX_DEPTH = 12;

export type ErrorDetail = 'line' | 'full';
export type Fields = Record<string, unknown>;

/** An error by its shape (an Error of any realm; drivers' and the till's errors alike). */
function isErrorLike(v: unknown): v is Error {
  if (v instanceof Error) return true;
  const o = v as { message?: unknown; stack?: unknown } | null;
  return typeof o === 'object' && o !== null && typeof o.message === 'string' && typeof o.stack === 'string';
}

/** A property read that never throws (a hostile getter must not break logging). */
function read(o: object, key: PropertyKey): unknown {
  try {
    return (o as Record<PropertyKey, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Masks secret-looking keys at any depth, cuts cycles, turns errors into loggable values. */
export function redact(fields: Fields, detail: ErrorDetail = 'line'): Fields {
  const out: Fields = {};
  const path = new Set<object>();
  for (const k of Object.keys(fields)) out[k] = isSecretKey(k) ? MASK : walk(read(fields, k), detail, path, 0);
  return out;
}

function walk(v: unknown, detail: ErrorDetail, path: Set<object>, depth: number): unknown {
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (path.has(v)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (isErrorLike(v) && detail === 'line') return errorLine(v);
  if (ArrayBuffer.isView(v)) return `[${v.constructor.name} ${v.byteLength} bytes]`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  path.add(v);
  try {
    const next = (x: unknown) => walk(x, detail, path, depth + 1);
    if (isErrorLike(v)) return errorFull(v, next);
    if (Array.isArray(v)) return v.map(next);
    if (v instanceof Set) return [...v].map(next);
    if (v instanceof Map) return maskedObject([...v].map(([k, x]) => [String(k), x]), next);
    const toJSON = read(v, 'toJSON');
    if (typeof toJSON === 'function') return next(toJSON.call(v));
    return maskedObject(Object.keys(v).map((k) => [k, read(v, k)]), next);
  } finally {
    path.delete(v);
  }
}

function maskedObject(entries: [string, unknown][], next: (x: unknown) => unknown): Fields {
  const out: Fields = {};
  for (const [k, x] of entries) out[k] = isSecretKey(k) ? MASK : next(x);
  return out;
}

const SHOWN_APART = new Set(['name', 'message', 'stack', 'cause', 'errors']);

/** debug: name, message, code and other own properties (masked), stack, cause chain. */
function errorFull(e: Error, next: (x: unknown) => unknown): Fields {
  const out = maskedObject(
    [['name', read(e, 'name')], ['message', read(e, 'message')], ...Object.keys(e).filter((k) => !SHOWN_APART.has(k)).map((k): [string, unknown] => [k, read(e, k)])],
    next,
  );
  out.stack = read(e, 'stack');
  const errors = read(e, 'errors');
  if (Array.isArray(errors)) out.errors = next(errors);
  if ('cause' in e) out.cause = next(read(e, 'cause'));
  return out;
}

/**
 * "message: cause message: its cause message". A cause whose words the line already holds is
 * left out (a wrapper often repeats its cause); each error once, so a cause cycle ends.
 */
export function errorLine(e: unknown): string {
  let line = '';
  const seen = new Set<unknown>();
  for (let cur = e; cur !== undefined && cur !== null && !seen.has(cur) && seen.size < MAX_DEPTH; cur = isErrorLike(cur) ? read(cur, 'cause') : undefined) {
    seen.add(cur);
    const text = ownWords(cur);
    if (text && !line.includes(text)) line = line ? `${line}: ${text}` : text;
  }
  return line;
}

function ownWords(e: unknown): string {
  if (!isErrorLike(e)) return typeof e === 'string' ? e : JSON.stringify(walk(e, 'line', new Set(), 0)) ?? String(e);
  const message = read(e, 'message');
  let text = typeof message === 'string' && message ? message : String(read(e, 'code') ?? read(e, 'name'));
  // AggregateError (e.g. a connect that tried IPv6 and IPv4) often has an empty message
  const errors = read(e, 'errors');
  if (Array.isArray(errors) && errors.length) text += ` (${errors.slice(0, 4).map(errorLine).join('; ')})`;
  return text;
}
