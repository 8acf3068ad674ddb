// Bodies of the refund routes (zod → validation + OpenAPI) and the JSON Schemas of what the
// refund routes answer (merged into view-schemas.ts for the OpenAPI document).
import { z } from 'zod/v4';
import { password, resellerId, text } from './text-schemas.js';
import { ERS_REFERENCE_PATTERN, ERS_REFERENCE_RULE } from '../../machines/ers-reference.js';

const ers = z.string({ error: 'must be the 25-digit ersReference' }).regex(ERS_REFERENCE_PATTERN, ERS_REFERENCE_RULE);

export const NewRefund = z
  .object({
    /** the original payment's ersReference */
    ersReference: ers,
    amount: z.number({ error: 'must be an integer number of minor units > 0' }).int('must be an integer number of minor units > 0').positive('must be an integer number of minor units > 0'),
    reason: text(200).optional(),
    cashierId: text(40).optional(),
  })
  .strict();
export type NewRefundBody = z.infer<typeof NewRefund>;

/** The reseller login for the reports (RESELLERUSER calls); the password is used once, never stored. */
export const RefundCheck = z
  .object({
    resellerId: resellerId(),
    userId: resellerId(),
    password: password(),
  })
  .strict();

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const ref25 = { ...str, pattern: ERS_REFERENCE_PATTERN.source } as const;

export const REFUND_VIEW_SCHEMAS = {
  RefundView: {
    type: 'object',
    required: ['refundId', 'state', 'final', 'message', 'originalErsReference', 'amount', 'currency', 'amountText', 'by', 'createdAt', 'recovered', 'canResend'],
    properties: {
      refundId: str,
      state: { ...str, description: '"created", "sending", "unknown" (reply lost: check the reports), "refunded.recording", "refunded.printing", "refunded.submitting", or a final state' },
      final: bool,
      outcome: { enum: ['completed', 'needsChecking', 'failed', 'notApplied', 'notSent'] },
      message: str, notice: str, failure: str,
      originalErsReference: ref25,
      amount: { ...int, description: 'minor units going back (positive); the post has it negative' },
      currency: str, amountText: str,
      refundErsReference: { ...ref25, description: 'the refund\'s own new reference' },
      resultCode: int, reason: str, cashierId: str, by: str,
      createdAt: { ...str, format: 'date-time' }, refundedAt: { ...str, format: 'date-time' },
      settledBy: { enum: ['reply', 'report'] }, recovered: bool, printJobId: int, receiptSubmitted: bool,
      resendOf: str, resentAs: str, canResend: bool,
    },
  },
  PaymentRefunds: {
    type: 'object',
    required: ['ersReference', 'kind', 'refunded', 'refundedText', 'currency', 'refunds'],
    properties: {
      ersReference: ref25,
      kind: { enum: ['payment', 'refund', 'unrecorded'] },
      paid: int, paidText: str, refunded: int, refundedText: str,
      refundable: { ...int, description: 'what may still be refunded (minor units); absent when the payment is not recorded here' },
      refundableText: str, currency: str,
      refunds: { type: 'array', items: { $ref: '#/components/schemas/RefundView' } },
    },
  },
  RefundCheck: {
    type: 'object',
    required: ['ok', 'complete', 'message', 'checked', 'applied', 'notApplied', 'stillUnknown', 'periods'],
    properties: {
      ok: bool, complete: { ...bool, description: 'every report was read: "never happened" is final' }, message: str, checked: int,
      applied: { type: 'array', items: { type: 'object', properties: { refundId: str, refundErsReference: ref25 } } },
      notApplied: { type: 'array', items: str }, stillUnknown: { type: 'array', items: str }, periods: { type: 'array', items: str }, resultCode: int,
    },
  },
} as const;
