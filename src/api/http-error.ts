// One error shape for every API answer that is not a success:
// {"error": {"field", "rule", "message"}}. A zod failure becomes a 400 naming its first field.
import type { z } from 'zod/v4';
import { GlasePosError } from '../lib/errors.js';

/** code http.<status>: 'http.400', 'http.409', … */
export class HttpError extends GlasePosError {
  constructor(
    readonly status: number,
    readonly field: string,
    readonly rule: string,
    readonly headers: Record<string, string> = {},
    /** words for people (a refusal in cashier words); "field: rule" by default */
    message?: string,
  ) {
    super(`http.${status}`, message ?? `${field}: ${rule}`);
  }
  body() {
    return { error: { field: this.field, rule: this.rule, message: this.message } };
  }
}

/** The first issue of a zod error as a 400: field path ("rows.0.amount") and its rule. */
export function fromZod(e: z.core.$ZodError, input?: unknown): HttpError {
  const i = e.issues[0];
  if (!i) return new HttpError(400, 'body', 'is invalid');
  if (i.code === 'unrecognized_keys') {
    const base = i.path.join('.');
    return new HttpError(400, base ? `${base}.${i.keys[0]}` : i.keys[0], 'is not a known field');
  }
  const field = i.path.length ? i.path.join('.') : 'body';
  let v: unknown = input;
  for (const k of i.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
  const missing = i.code === 'invalid_type' && v === undefined;
  return new HttpError(400, field, missing ? 'is required' : i.message);
}
