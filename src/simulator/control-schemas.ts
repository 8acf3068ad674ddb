// Request bodies of the control API. A bad body is a 400 whose message names the field.
import { z } from 'zod';
import { isKnownCurrency } from '../lib/money.js';
import { RESULT_CODES } from '../glase/result-codes.js';

const id = z.string().trim().min(1, 'must be a non-empty string').max(100, 'must be at most 100 characters');
const currency = z.string().refine(isKnownCurrency, 'must be a supported ISO 4217 code such as SEK');

const password = z.string().min(1, 'must be a non-empty string');

/** Settings a reseller may be created with or patched later (one list, so the two bodies cannot drift). */
const resellerSettings = {
  currency: currency.optional(),
  name: z.string().max(100).optional(),
  refundsAllowed: z.boolean().optional(),
  payerRefundsAllowed: z.boolean().optional(),
  blocked: z.boolean().optional(),
};

export const NewReseller = z.object({ resellerId: id, userId: id, password, ...resellerSettings }).strict();

export const ResellerPatch = z.object({ password: password.optional(), ...resellerSettings }).strict();

/** blocked → 33; unregistered: true → Glase forgot the terminal (removed at Glase's side): every call as it gives 29 */
export const TerminalPatch = z
  .object({ blocked: z.boolean().optional(), unregistered: z.boolean().optional() })
  .strict()
  .refine((p) => p.blocked !== undefined || p.unregistered !== undefined, 'give blocked and/or unregistered');

export const Customer = z.object({ glaseId: id }).strict();

export const NewFault = z
  .object({
    operation: z.string().regex(/^(\*|[A-Za-z]+)$/, 'must be an operation name such as getPaymentStatus, or *'),
    resultCode: z
      .number()
      .int()
      .refine((c) => Object.hasOwn(RESULT_CODES, c), 'must be a defined Glase result code (0-99)')
      .optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    drop: z.boolean().optional(),
    times: z.number().int().min(1, 'must be at least 1').max(10_000),
  })
  .strict()
  .refine((f) => f.resultCode !== undefined || f.delayMs !== undefined || f.drop, {
    message: 'give at least one of resultCode, delayMs or drop',
    path: ['resultCode'],
  });

/** "field: rule" for the first problem, like ValidationError. */
export function zodMessage(e: z.ZodError): string {
  return e.issues
    .map((i) => {
      const field = i.path.join('.') || 'body';
      const rule = i.code === 'invalid_type' && i.received === 'undefined' ? 'is required' : i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
      return `${field}: ${rule}`;
    })
    .join('; ');
}

/**
 * Planted differences for reconciliation tests (PATCH /simulator/payments/:ersReference):
 * reverse the payment as Glase does after an unacknowledged payment, leave it out of the
 * reports, or report another amount (minor units) or cashier.
 */
export const PaymentPatch = z
  .object({
    reversed: z.literal(true).optional(),
    dropFromReport: z.boolean().optional(),
    reportedAmount: z.number().int('must be an integer number of minor units').optional(),
    reportedCashierId: id.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'give reversed, dropFromReport, reportedAmount and/or reportedCashierId');
