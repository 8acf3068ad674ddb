// JSON Schemas of what the API answers, for the OpenAPI document. Kept beside the view types
// (src/till/types.ts, src/api/views.ts); the API tests check real answers against the names here.
import { REFUND_VIEW_SCHEMAS } from './refund-schemas.js';
import { DAY_CLOSE_VIEW_SCHEMAS } from './day-close-schemas.js';
import { ERS_REFERENCE_PATTERN } from '../../machines/ers-reference.js';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;

export const VIEW_SCHEMAS = {
  Readiness: {
    type: 'object',
    required: ['ready', 'reasons'],
    properties: {
      ready: bool,
      reasons: { type: 'array', items: { type: 'object', required: ['code', 'message'], properties: { code: { enum: ['not-registered', 'no-glase-id', 'server-unreachable', 'server-unknown', 'printer-not-ready', 'payment-in-progress', 'storage-full', 'orphan-unconfirmed'] }, message: str } } },
      warnings: { type: 'array', description: 'does not stop a payment yet: free space below storage warning threshold (retention.lowFreeMB)', items: { type: 'object', required: ['code', 'message'], properties: { code: { enum: ['storage-low'] }, message: str } } },
    },
  },
  SetupView: {
    type: 'object',
    required: ['state', 'message'],
    properties: {
      state: { enum: ['unregistered', 'registering', 'enrolling', 'registered', 'assigning', 'ready', 'unregistering', 'forgetting', 'forgettingUnknown'] }, terminalId: str, glaseId: str, message: str, resultCode: int, ok: bool,
      unknownAtGlase: { type: 'object', required: ['op', 'at', 'message'], description: 'Glase answered 29 (no longer knows this till): POST /api/admin/forget-registration is offered', properties: { op: str, at: { ...str, format: 'date-time' }, message: str } },
    },
  },
  PaymentView: {
    type: 'object',
    required: ['paymentId', 'clientInvoiceId', 'state', 'final', 'message', 'amount', 'currency', 'amountText', 'version', 'windows', 'recovered', 'canTryAgain', 'canCancel', 'canChange'],
    properties: {
      paymentId: str, clientInvoiceId: str, state: { ...str, description: '"sending", "live.window", "live.question" (the try again / cancel question), "paid.printing", "completed", …' },
      final: bool, outcome: { enum: ['completed', 'needsChecking', 'settledOutside', 'cancelled', 'failed', 'refused', 'orphaned'] }, message: str, notice: str, reason: str,
      amount: { ...int, description: 'minor units' }, currency: str, amountText: { ...str, examples: ['12.50 SEK'] },
      invoiceReference: str, ersReference: { ...str, pattern: ERS_REFERENCE_PATTERN.source }, version: int, windows: int, resultCode: int, recovered: bool,
      canTryAgain: bool, canCancel: bool, printJobId: int, receiptSubmitted: bool,
      canChange: { ...bool, description: 'may the amount be changed now (PATCH /api/payments/:id, updateInvoice)' },
      unreachable: { ...bool, description: 'Glase did not answer the last status queries: POST /api/admin/payments/{id}/settle-outside is offered (after a live check)' },
      windowEndsAt: { ...str, format: 'date-time', description: 'while a 30-s window runs: when it ends, by the till\'s clock' },
      windowLeftMs: { ...int, description: 'while a 30-s window runs: milliseconds left of it when this view was made (the screen counts down from this)' },
      change: {
        type: 'object',
        required: ['state', 'message'],
        description: 'the last change of amount; amount is the one sent while it is not settled',
        properties: { state: { enum: ['updating', 'applied', 'refused', 'unknown'] }, message: str, amount: int },
      },
    },
  },
  PrinterView: { type: 'object', required: ['kind', 'ready'], properties: { kind: str, ready: bool, reason: str } },
  Status: {
    type: 'object',
    required: ['setup', 'readiness', 'printer', 'scanner', 'mode', 'currency', 'windowMs', 'autoCancelWindows'],
    properties: {
      setup: { $ref: '#/components/schemas/SetupView' }, readiness: { $ref: '#/components/schemas/Readiness' }, payment: { $ref: '#/components/schemas/PaymentView' },
      printer: { $ref: '#/components/schemas/PrinterView' }, scanner: { type: 'object', properties: { kind: str, connected: bool } },
      mode: { enum: ['cashier', 'unattended'] }, currency: str,
      language: { enum: ['sv', 'en'], description: "the shop's language: the screen, the phone page, the receipt" },
      languages: { type: 'array', items: { enum: ['sv', 'en'] }, description: 'the languages the admin may switch to' },
      ui: { type: 'object', description: 'kiosk settings (config ui.*)', properties: { sound: { ...bool, description: 'play a sound for paid and for failed/cancelled' }, confirmAmount: { ...bool, description: 'false: Glase payment goes straight to waiting' } } }, windowMs: int, autoCancelWindows: int,
      maxAmount: { ...int, description: 'payment.maxAmount: the most (minor units) the cashier may raise the Glase part to above what is left, after a confirmation' },
      dayClose: { type: 'object', description: 'Z reports whose differences need an admin (closes), and the close running (active) or left unfinished', properties: { closes: { type: 'array', items: { type: 'object', properties: { zNumber: int, closedAt: str, differences: int } } }, active: { $ref: '#/components/schemas/DayCloseView' }, unfinished: { $ref: '#/components/schemas/DayCloseView' } } },
      currencies: { type: 'object', description: 'decimals of every supported currency (ISO 4217 minor unit), e.g. {"SEK":2,"JPY":0}', additionalProperties: int },
      receipt: { $ref: '#/components/schemas/ActiveReceipt' },
      needsChecking: {
        type: 'array',
        description: 'paid payments kept apart: Glase gave them the ersReference of another payment; check them with Glase',
        items: {
          type: 'object',
          required: ['paymentId', 'clientInvoiceId', 'ersReference', 'amount', 'currency', 'amountText', 'bookedPaymentId', 'at', 'why'],
          properties: { paymentId: str, clientInvoiceId: str, ersReference: str, amount: int, currency: str, amountText: str, bookedPaymentId: str, at: str, why: str },
        },
      },
    },
  },
  ActiveReceipt: {
    type: 'object',
    required: ['total', 'alreadyPaid', 'left', 'currency', 'totalText', 'alreadyPaidText', 'leftText', 'version', 'updatedAt'],
    properties: {
      total: { ...int, description: 'minor units' }, alreadyPaid: { ...int, description: 'minor units paid with other tenders (and earlier Glase parts)' },
      left: { ...int, description: 'total - alreadyPaid: the most Glase may take' }, currency: str, totalText: str, alreadyPaidText: str, leftText: str,
      rows: { type: 'array', items: { type: 'object', required: ['description', 'quantity', 'amount'], properties: { description: str, quantity: str, amount: int } } },
      cashierId: str, title: str, version: int, paymentId: { ...str, description: 'the Glase payment in flight for this receipt' }, updatedAt: { ...str, format: 'date-time' },
    },
  },
  AdminSession: { type: 'object', required: ['session', 'expiresAt'], properties: { session: str, expiresAt: { ...str, format: 'date-time' } } },
  ...REFUND_VIEW_SCHEMAS,
  ...DAY_CLOSE_VIEW_SCHEMAS,
} as const;

export type ViewName = keyof typeof VIEW_SCHEMAS;
