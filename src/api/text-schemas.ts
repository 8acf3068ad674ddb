// Text fields of every request body: trimmed, bounded, and never control characters (raw in
// the SOAP request they make invalid XML; src/lib/printable.ts holds the rule).
import { z } from 'zod/v4';
import { PRINTABLE_RULE, unprintable } from '../lib/printable.js';
import { RESELLER_ID_PATTERN, RESELLER_ID_RULE } from '../lib/reseller-id.js';

/** Adds the printable rule; a secret gets the rule only, never where it broke. */
export const printable = <T extends z.ZodString>(s: T, secret = false) =>
  s.check(
    z.superRefine((v: string, ctx) => {
      const why = unprintable(v);
      if (why) ctx.addIssue({ code: 'custom', message: secret ? PRINTABLE_RULE : why, input: secret ? undefined : v });
    }),
  );

/** 1..max printable characters after trimming. */
export const text = (max: number) => printable(z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** A password: kept as typed (no trim), 1..200 printable characters. */
export const password = () => printable(z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters'), true);

/** A reseller id or reseller user id: the one rule of src/lib/reseller-id.ts. */
export const resellerId = () => z.string({ error: 'must be a string' }).regex(RESELLER_ID_PATTERN, RESELLER_ID_RULE);
