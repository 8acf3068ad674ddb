// Bodies of the day-close routes (zod → validation + OpenAPI) and the JSON Schemas of what they
// answer (merged into view-schemas.ts for the OpenAPI document).
import { z } from 'zod/v4';
import { password, resellerId, text } from './text-schemas.js';

/** The reseller login for markTransactionPeriod + executeReport (RESELLERUSER calls); used once, never stored. */
export const DayCloseBody = z
  .object({
    resellerId: resellerId(),
    userId: resellerId(),
    password: password(),
  })
  .strict();

export const AcknowledgeBody = z.object({ note: text(200).optional() }).strict();

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const totals = {
  type: 'object',
  properties: {
    payments: { type: 'object', properties: { count: int, total: { ...int, description: 'minor units' } } },
    refunds: { type: 'object', properties: { count: int, total: { ...int, description: 'minor units, negative' } } },
    net: int,
  },
} as const;

export const DAY_CLOSE_VIEW_SCHEMAS = {
  DayCloseView: {
    type: 'object',
    required: ['closeId', 'state', 'final', 'message', 'attempt', 'attemptLimit'],
    properties: {
      closeId: str,
      state: { ...str, description: '"marking", "waiting", "reading", "backoff" (REPORT_NOT_READY, waiting to try again), "recording", "printing", or final: "closed", "notReady", "failed"' },
      final: bool, message: str, notice: str,
      periodId: { ...str, description: 'the transaction period this close marked at Glase (a resumed close reads the same one)' },
      attempt: { ...int, description: 'executeReport try of the report being read' },
      attemptLimit: { ...int, description: 'config dayClose.reportAttempts' },
      resultCode: int, zNumber: int, needsAttention: bool, differences: int, resumed: bool,
    },
  },
  ZReport: {
    type: 'object',
    required: ['zNumber', 'periodId', 'periodEnd', 'closedAt', 'currency', 'till', 'glase', 'verdict', 'differences'],
    properties: {
      zNumber: { ...int, description: 'consecutive per till, never reused' },
      closeId: str, terminalId: str, externalTerminalId: str, periodId: str, periods: { type: 'array', items: str },
      periodStart: { ...str, format: 'date-time' }, periodEnd: { ...str, format: 'date-time' }, closedAt: { ...str, format: 'date-time' }, closedBy: str, currency: str,
      till: totals, glase: totals,
      glaseSummary: { type: 'object', properties: { count: int, total: int } },
      cashiers: { type: 'array', items: { type: 'object', properties: { cashierId: str, count: int, net: int } } },
      verdict: { enum: ['matched', 'needs-attention'] },
      differences: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'reason', 'attention'],
          properties: {
            kind: { enum: ['missing-at-glase', 'missing-at-till', 'amount-differs', 'cashier-differs', 'refund-settled', 'settled-outside', 'summary-differs'] },
            paymentId: { ...str, description: 'a payment settled outside the till' },
            ersReference: str, tillAmount: int, glaseAmount: int, tillCashier: str, glaseCashier: str, reason: str, attention: bool,
            reasonCode: { ...str, description: 'the reason as a catalogue code (z.reason.<code>); absent on closes stored before codes' },
            reasonParams: { type: 'object', description: 'the code\'s parameters: amounts in minor units, ids, names' },
          },
        },
      },
      acknowledged: { type: 'object', properties: { by: str, at: str, note: str } },
    },
  },
  DayCloseResult: {
    type: 'object',
    required: ['close'],
    properties: { close: { $ref: '#/components/schemas/DayCloseView' }, z: { $ref: '#/components/schemas/ZReport' } },
  },
} as const;
