// The Glase refund machine: one refundPayment from sending to completed, failed or settled.
// Pure: every side effect is a named actor the till runtime provides; time enters only
// through the named delay. refundPayment is not idempotent at the server, so a lost reply is
// `unknown` and is never retried: only the server's own report (the runtime's unknown-refund
// check, which sends SETTLED_*) decides whether it went through.
import { assign, fromPromise, setup } from 'xstate';
import { isErsReference } from './ers-reference.js';
import { notApplied, notProvided } from './glase-answers.js';
import { REFUND_TEXT, refundCodeMessage } from './refund-messages.js';
import type {
  PrintRefundInput, PrintRefundOutput, RecordRefundInput, RecordRefundOutput, RefundContext, RefundEvent, RefundInput,
  RefundPost, SendRefundInput, SendRefundOutput, SubmitRefundReceiptInput, SubmitRefundReceiptOutput,
} from './refund-types.js';


export function initialRefundContext(input: RefundInput): RefundContext {
  if (input.resume) return { ...input.resume.context, resumeAt: input.resume.at, recovered: true, notice: REFUND_TEXT.resumed };
  return {
    refundId: input.refundId,
    originalErsReference: input.ersReference,
    amount: input.amount,
    currency: input.currency,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.cashierId ? { cashierId: input.cashierId } : {}),
    by: input.by,
    createdAt: input.createdAt,
    ...(input.terminalId ? { terminalId: input.terminalId } : {}),
    ...(input.resendOf ? { resendOf: input.resendOf } : {}),
    message: REFUND_TEXT.sending,
    recovered: false,
  };
}

export function refundPostOf(c: RefundContext): RefundPost {
  return {
    ersReference: c.refundErsReference!,
    originalErsReference: c.originalErsReference,
    amount: -c.amount,
    currency: c.currency,
    description: 'Glase refund',
    timestamp: c.refundedAt!,
    refundId: c.refundId,
    ...(c.cashierId ? { cashierId: c.cashierId } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.terminalId ? { terminalId: c.terminalId } : {}),
    ...(c.recovered || c.settledBy === 'report' ? { recovered: true } : {}),
  };
}

export const refundMachine = setup({
  types: {} as { context: RefundContext; events: RefundEvent; input: RefundInput },
  actors: {
    sendRefund: fromPromise<SendRefundOutput, SendRefundInput>(notProvided('sendRefund')),
    recordRefund: fromPromise<RecordRefundOutput, RecordRefundInput>(notProvided('recordRefund')),
    printRefundReceipt: fromPromise<PrintRefundOutput, PrintRefundInput>(notProvided('printRefundReceipt')),
    submitRefundReceipt: fromPromise<SubmitRefundReceiptOutput, SubmitRefundReceiptInput>(notProvided('submitRefundReceipt')),
  },
  delays: { retry: 1_000 },
}).createMachine({
  id: 'refund',
  context: ({ input }) => initialRefundContext(input),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: ({ context }) => context.resumeAt === 'unknown', target: 'unknown' },
        { guard: ({ context }) => context.resumeAt === 'record', target: 'refunded.recording' },
        { guard: ({ context }) => context.resumeAt === 'print', target: 'refunded.printing' },
        { guard: ({ context }) => context.resumeAt === 'submit', target: 'refunded.submitting' },
        { guard: ({ context }) => context.resumeAt === 'not-sent', target: 'notSent' },
        { target: 'sending' },
      ],
    },
    sending: {
      entry: assign({ message: REFUND_TEXT.sending }),
      invoke: {
        id: 'sendRefund',
        src: 'sendRefund',
        input: ({ context }) => ({
          refundId: context.refundId,
          originalErsReference: context.originalErsReference,
          amount: context.amount,
          currency: context.currency,
          reason: context.reason,
          cashierId: context.cashierId,
          issueDate: context.createdAt,
        }),
        onDone: [
          {
            // the refund's reference is the key it is booked under: only a valid one (25 digits) is taken
            guard: ({ event }) => event.output.result.ok && isErsReference(event.output.result.ersReference),
            target: 'refunded',
            actions: assign(({ event }) => ({ refundErsReference: event.output.result.ersReference, refundedAt: event.output.seenAt, settledBy: 'reply' as const, resultCode: 0 })),
          },
          // a success without a valid reference cannot be booked: as good as a lost reply (the report decides)
          { guard: ({ event }) => event.output.result.ok, target: 'unknown' },
          // every business code means the server refunded nothing
          {
            target: 'failed',
            actions: assign(({ event }) => ({
              resultCode: event.output.result.code,
              message: refundCodeMessage(event.output.result.code),
              failure: `refundPayment:${event.output.result.code}`,
            })),
          },
        ],
        onError: [
          { guard: ({ event }) => notApplied(event.error), target: 'failed', actions: assign({ message: REFUND_TEXT.sendNotApplied, failure: 'refundPayment:not-applied' }) },
          { target: 'unknown' },
        ],
      },
    },
    // the request may have reached Glase: wait for the report check, never resend
    unknown: {
      entry: assign({ message: REFUND_TEXT.unknown }),
      on: {
        SETTLED_APPLIED: {
          target: 'refunded',
          actions: assign(({ event }) => ({ refundErsReference: event.refundErsReference, refundedAt: event.seenAt, settledBy: 'report' as const, notice: REFUND_TEXT.foundByReport })),
        },
        SETTLED_NOT_APPLIED: { target: 'notApplied' },
      },
    },
    refunded: {
      initial: 'recording',
      states: {
        recording: {
          entry: assign({ message: REFUND_TEXT.recording }),
          invoke: {
            id: 'recordRefund',
            src: 'recordRefund',
            input: ({ context }) => ({ refundId: context.refundId, post: refundPostOf(context) }),
            onDone: [
              // the new reference is booked for another post: kept apart, nothing printed or sent under it
              { guard: ({ event }) => event.output.conflict !== undefined, target: '#refund.needsChecking', actions: assign(({ event }) => ({ post: event.output.post, failure: 'ersReference-conflict' })) },
              { target: 'printing', actions: assign(({ event }) => ({ post: event.output.post })) },
            ],
            onError: 'recordRetry',
          },
        },
        recordRetry: { entry: assign({ message: REFUND_TEXT.recordRetry }), after: { retry: 'recording' } },
        printing: {
          entry: assign({ message: REFUND_TEXT.printing }),
          invoke: {
            id: 'printRefundReceipt',
            src: 'printRefundReceipt',
            input: ({ context }) => ({ refundId: context.refundId, post: context.post! }),
            onDone: { target: 'submitting', actions: assign(({ event }) => ({ printJobId: event.output.jobId })) },
            onError: { target: 'submitting', actions: assign({ notice: REFUND_TEXT.printFailed }) },
          },
        },
        // a failed digital receipt never undoes the refund: it is noted and we complete
        submitting: {
          entry: assign({ message: REFUND_TEXT.submitting }),
          invoke: {
            id: 'submitRefundReceipt',
            src: 'submitRefundReceipt',
            input: ({ context }) => ({ refundId: context.refundId, post: context.post! }),
            onDone: {
              target: '#refund.completed',
              actions: assign(({ event }) => ({
                receiptSubmitted: event.output.ok,
                ...(event.output.ok ? {} : { notice: `${REFUND_TEXT.submitFailed} (code ${event.output.code})` }),
              })),
            },
            onError: { target: '#refund.completed', actions: assign({ receiptSubmitted: false, notice: REFUND_TEXT.submitFailed }) },
          },
        },
      },
    },
    completed: { type: 'final', entry: assign({ message: REFUND_TEXT.completed }) },
    // refunded at Glase, but not bookable under its new reference (booked for another post)
    needsChecking: { type: 'final', entry: assign({ message: REFUND_TEXT.needsChecking }) },
    failed: { type: 'final' },
    notApplied: { type: 'final', entry: assign({ message: REFUND_TEXT.notApplied, failure: 'report:not-applied' }) },
    notSent: { type: 'final', entry: assign({ message: REFUND_TEXT.notSent, failure: 'restart:not-sent' }) },
  },
});

export type RefundMachine = typeof refundMachine;
