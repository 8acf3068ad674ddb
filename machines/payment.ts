// The Glase payment machine: one invoice from sending to completed, cancelled or failed.
// Pure: every side effect is a named actor the till runtime provides; time enters only
// through the named delays. Rules (architecture §5): poll every second while the invoice
// can still be paid — also while the try-again/cancel question is open — and treat a lost
// reply as "unknown": ask for the status again, never resend, cancel or refund blindly.
import { assign, fromPromise, raise, setup } from 'xstate';
import type { PaymentStatus, Result } from './glase-contract.js';
import { TEXT, TRANSIENT_CODES, badReferenceNotice, codeMessage, unknownStatusMessage } from './messages.js';
import { ersReferenceProblem, isErsReference } from './ers-reference.js';
import { byCode, notApplied, notProvided } from './glase-answers.js';
import { initialContext, invoiceOf, postOf } from './payment-context.js';
import type {
  CancelInvoiceInput, CancelInvoiceOutput, PaymentContext, PaymentEvent, PaymentInput, PollStatusInput,
  PollStatusOutput, PrintReceiptInput, PrintReceiptOutput, RecordPaymentInput, RecordPaymentOutput, SendInvoiceInput,
  SendInvoiceOutput, SubmitReceiptInput, SubmitReceiptOutput, UpdateInvoiceInput, UpdateInvoiceOutput,
} from './payment-types.js';
import { beginChange, changeApplied, changeRefused, changeSeen, paidAmount } from './payment-change.js';

const isTransient = (code: number) => TRANSIENT_CODES.includes(code);
const paidReference = (s: PaymentStatus) => s.ersReference ?? s.receipt?.paymentReference;
// the reference is the key the payment is booked under: only a valid one (25 digits) is taken
const validReference = (s: PaymentStatus | undefined) => s !== undefined && isErsReference(paidReference(s));
const statusOf = (o: PollStatusOutput): PaymentStatus | undefined => (o.result.ok ? (o.result as Result<PaymentStatus> & { ok: true }) : undefined);

export const paymentMachine = setup({
  types: {} as { context: PaymentContext; events: PaymentEvent; input: PaymentInput },
  actors: {
    sendInvoice: fromPromise<SendInvoiceOutput, SendInvoiceInput>(notProvided('sendInvoice')),
    pollStatus: fromPromise<PollStatusOutput, PollStatusInput>(notProvided('pollStatus')),
    cancelInvoice: fromPromise<CancelInvoiceOutput, CancelInvoiceInput>(notProvided('cancelInvoice')),
    updateInvoice: fromPromise<UpdateInvoiceOutput, UpdateInvoiceInput>(notProvided('updateInvoice')),
    recordPayment: fromPromise<RecordPaymentOutput, RecordPaymentInput>(notProvided('recordPayment')),
    printReceipt: fromPromise<PrintReceiptOutput, PrintReceiptInput>(notProvided('printReceipt')),
    submitReceipt: fromPromise<SubmitReceiptOutput, SubmitReceiptInput>(notProvided('submitReceipt')),
  },
  delays: { pollInterval: 1_000, window: 30_000, retry: 1_000 },
  actions: { askQuestion: assign({ message: TEXT.question }) },
}).createMachine({
  id: 'payment',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: ({ context }) => context.resumeAt === 'poll', target: 'live' },
        { guard: ({ context }) => context.resumeAt === 'record', target: 'paid.recording' },
        { guard: ({ context }) => context.resumeAt === 'print', target: 'paid.printing' },
        { guard: ({ context }) => context.resumeAt === 'submit', target: 'paid.submitting' },
        { guard: ({ context }) => context.resumeAt === 'orphan', target: 'orphaned' },
        { guard: ({ context }) => context.refusal !== undefined, target: 'refused', actions: assign(({ context }) => ({ message: context.refusal!.message, reason: context.refusal!.rule })) },
        { target: 'sending' },
      ],
    },
    sending: {
      entry: assign({ message: TEXT.sending }),
      on: { CANCEL: { actions: assign({ cancelRequested: true }) } },
      invoke: {
        id: 'sendInvoice',
        src: 'sendInvoice',
        input: ({ context }) => ({ paymentId: context.paymentId, clientInvoiceId: context.clientInvoiceId, invoice: invoiceOf(context) }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok && !!(event.output as { invoiceReference?: string }).invoiceReference,
            target: 'live',
            actions: assign(({ event }) => ({ invoiceReference: (event.output as { invoiceReference: string }).invoiceReference, resultCode: 0, status: 'ISSUED' })),
          },
          // a success without a reference is as good as a lost reply: the invoice may exist
          { guard: ({ event }) => event.output.ok, target: 'orphaned' },
          // every business code (90/93/94 included) means the server created nothing
          { target: 'failed', actions: [assign(byCode('sendInvoice')), assign(({ event }) => ({ reason: `sendInvoice:${event.output.code}` }))] },
        ],
        onError: [
          { guard: ({ event }) => notApplied(event.error), target: 'failed', actions: assign({ message: TEXT.sendNotApplied, reason: 'sendInvoice:not-applied' }) },
          { target: 'orphaned' },
        ],
      },
    },
    live: {
      type: 'parallel',
      states: {
        poll: {
          initial: 'asking',
          states: {
            asking: {
              invoke: {
                id: 'pollStatus',
                src: 'pollStatus',
                input: ({ context }) => ({ paymentId: context.paymentId, invoiceReference: context.invoiceReference!, version: context.version }),
                onDone: [
                  {
                    guard: ({ event }) => statusOf(event.output)?.status === 'PAID' && validReference(statusOf(event.output)),
                    target: '#payment.paid',
                    actions: assign(({ event, context }) => {
                      const s = statusOf(event.output)!;
                      return {
                        status: 'PAID',
                        // what the customer paid: Glase's receipt decides, also after a change whose reply was lost
                        ...paidAmount(context, s),
                        version: s.version,
                        ersReference: paidReference(s),
                        paidAt: event.output.seenAt,
                        notice: undefined,
                        resultCode: 0,
                        message: TEXT.paid,
                        recovered: context.recovered,
                      };
                    }),
                  },
                  {
                    guard: ({ event }) => ['CANCELED', 'EXPIRED'].includes(statusOf(event.output)?.status ?? ''),
                    target: '#payment.cancelled',
                    actions: assign(({ event }) => {
                      const st = statusOf(event.output)!.status;
                      return { status: st, version: statusOf(event.output)!.version, reason: `status:${st}`, message: st === 'EXPIRED' ? TEXT.expired : TEXT.canceledByServer, notice: undefined };
                    }),
                  },
                  // PAID with a reference that breaks the rule: a protocol error, like a garbled reply. The
                  // customer may have paid, so it is neither failed nor booked: keep asking, and say so
                  {
                    guard: ({ event }) => statusOf(event.output)?.status === 'PAID' && paidReference(statusOf(event.output)!) !== undefined,
                    target: 'waiting',
                    actions: assign(({ event }) => ({
                      version: statusOf(event.output)!.version,
                      notice: badReferenceNotice(ersReferenceProblem(paidReference(statusOf(event.output)!))!),
                    })),
                  },
                  // PAID without any reference cannot be recorded: keep asking (which also acknowledges it)
                  {
                    guard: ({ event }) => statusOf(event.output)?.status === 'PAID',
                    target: 'waiting',
                    actions: assign(({ event }) => ({ version: statusOf(event.output)!.version, notice: TEXT.paidNoReference })),
                  },
                  {
                    guard: ({ event }) => ['ISSUED', 'PENDING_ISSUER_ACKNOWLEDGE'].includes(statusOf(event.output)?.status ?? ''),
                    target: 'waiting',
                    actions: [
                      assign(({ event }) => ({ status: statusOf(event.output)!.status, version: statusOf(event.output)!.version, resultCode: 0, notice: undefined })),
                      raise({ type: 'STILL_OPEN' }),
                    ],
                  },
                  {
                    guard: ({ event }) => statusOf(event.output) !== undefined,
                    target: '#payment.failed',
                    actions: assign(({ event }) => {
                      const s = statusOf(event.output)!;
                      const message = s.status === 'FAILED' ? TEXT.failedStatus : s.status === 'RESERVED' ? TEXT.reserved : unknownStatusMessage(s.rawStatus ?? s.status);
                      return { status: s.status, version: s.version, reason: `status:${s.rawStatus ?? s.status}`, message, notice: undefined };
                    }),
                  },
                  // server busy or down: the invoice is still there, keep asking
                  {
                    guard: ({ event }) => isTransient(event.output.result.code),
                    target: 'waiting',
                    actions: assign(({ event }) => ({ resultCode: event.output.result.code, notice: codeMessage('getPaymentStatus', event.output.result.code) })),
                  },
                  {
                    target: '#payment.failed',
                    actions: assign(({ event }) => ({
                      resultCode: event.output.result.code,
                      reason: `getPaymentStatus:${event.output.result.code}`,
                      message: codeMessage('getPaymentStatus', event.output.result.code),
                    })),
                  },
                ],
                onError: { target: 'unknown', actions: assign({ notice: TEXT.connectionLost }) },
              },
            },
            // CHECK_NOW: the admin's live check asks at once instead of at the next tick
            waiting: { after: { pollInterval: 'asking' }, on: { CHECK_NOW: 'asking' } },
            // the last status query got no answer: the outcome is unknown, so ask again
            // A payment stuck here because Glase is unreachable may be closed by the admin, and only
            // here: the last status query (the runtime makes it a live one first) got no answer
            unknown: {
              after: { pollInterval: 'asking' },
              on: {
                CHECK_NOW: 'asking',
                SETTLE_OUTSIDE: {
                  target: '#payment.settledOutside',
                  actions: assign(({ event }) => ({ settledOutside: { by: event.by, note: event.note, at: event.at }, reason: 'settled-outside', message: TEXT.settledOutside, notice: undefined })),
                },
              },
            },
          },
        },
        dialog: {
          initial: 'window',
          states: {
            window: {
              entry: assign({ message: TEXT.waiting }),
              always: { guard: ({ context }) => context.cancelRequested, target: 'cancelling' },
              after: { window: { target: 'question', actions: 'askQuestion' } },
              on: { CANCEL: 'cancelling' },
            },
            // the message is set by the transition in (the plain question, or why a cancel did not happen)
            // unattended (autoCancelWindows set): nobody answers the question, so the till opens
            // the next window itself and cancels after the last one
            question: {
              always: [
                {
                  guard: ({ context }) => context.autoCancelWindows !== undefined && context.windows >= context.autoCancelWindows,
                  target: 'cancelling',
                },
                {
                  guard: ({ context }) => context.autoCancelWindows !== undefined,
                  target: 'window',
                  actions: assign(({ context }) => ({ windows: context.windows + 1 })),
                },
              ],
              on: { TRY_AGAIN: { target: 'window', actions: assign(({ context }) => ({ windows: context.windows + 1 })) }, CANCEL: 'cancelling' },
            },
            cancelling: {
              entry: assign({ message: TEXT.cancelling, cancelRequested: false }),
              invoke: {
                id: 'cancelInvoice',
                src: 'cancelInvoice',
                input: ({ context }) => ({ paymentId: context.paymentId, invoiceReference: context.invoiceReference! }),
                onDone: [
                  { guard: ({ event }) => event.output.code === 0 || event.output.code === 95, target: '#payment.cancelled', actions: assign(({ event }) => ({ resultCode: event.output.code, reason: 'cancelled', message: TEXT.cancelled })) },
                  { guard: ({ event }) => event.output.code === 50, target: 'confirmingPaid', actions: assign(byCode('cancelInvoice')) },
                  { guard: ({ event }) => event.output.code === 51 || event.output.code === 48, target: 'customerPaying', actions: assign(byCode('cancelInvoice')) },
                  { target: 'question', actions: assign(byCode('cancelInvoice')), reenter: true },
                ],
                onError: [
                  { guard: ({ event }) => notApplied(event.error), target: 'question', actions: assign({ message: TEXT.cancelNotSent }) },
                  { target: 'cancelUnknown' },
                ],
              },
            },
            // the cancel reply was lost: the next status answer tells what happened
            cancelUnknown: {
              entry: assign({ message: TEXT.cancelUnknown }),
              on: { STILL_OPEN: { target: 'question', actions: assign({ message: TEXT.cancelNotDone }) } },
            },
            customerPaying: {
              after: { window: { target: 'question', actions: 'askQuestion' } },
              on: { TRY_AGAIN: { target: 'window', actions: assign(({ context }) => ({ windows: context.windows + 1 })) }, CANCEL: 'cancelling' },
            },
            // cancel said 50: the status poll will bring PAID and its ersReference
            confirmingPaid: { after: { window: { target: 'question', actions: 'askQuestion' } } },
          },
        },
        // updateInvoice while the customer has not paid (payment-change.ts): its own region, so
        // polling never stops; a lost reply is unknown until a status answer settles it
        change: {
          initial: 'start',
          states: {
            // a restored payment whose change was sent without a known answer is still in doubt
            start: { always: [{ guard: ({ context }) => context.change !== undefined, target: 'unknown' }, { target: 'idle' }] },
            idle: { on: { UPDATE: { target: 'updating', actions: assign(({ context, event }) => beginChange(context, event)) } } },
            updating: {
              invoke: {
                id: 'updateInvoice',
                src: 'updateInvoice',
                input: ({ context }) => ({
                  paymentId: context.paymentId,
                  invoiceReference: context.invoiceReference!,
                  invoice: invoiceOf({ ...context, amount: context.change!.amount, rows: context.change!.rows }),
                }),
                onDone: [
                  { guard: ({ event }) => event.output.ok, target: 'idle', actions: assign(({ context }) => changeApplied(context)) },
                  { target: 'idle', actions: assign(({ event }) => changeRefused(codeMessage('updateInvoice', event.output.code), event.output.code)) },
                ],
                onError: [
                  { guard: ({ event }) => notApplied(event.error), target: 'idle', actions: assign(changeRefused(TEXT.changeNotSent)) },
                  { target: 'unknown', actions: assign({ changeState: 'unknown', changeNote: TEXT.changeUnknown }) },
                ],
              },
            },
            unknown: {
              on: {
                STILL_OPEN: { guard: ({ context }) => changeSeen(context), target: 'idle', actions: assign(({ context }) => changeApplied(context)) },
                UPDATE: { target: 'updating', actions: assign(({ context, event }) => beginChange(context, event)) },
              },
            },
          },
        },
      },
    },
    paid: {
      initial: 'recording',
      states: {
        recording: {
          entry: assign({ message: TEXT.recording }),
          invoke: {
            id: 'recordPayment',
            src: 'recordPayment',
            input: ({ context }) => ({ paymentId: context.paymentId, post: postOf(context) }),
            onDone: [
              // the reference is booked for another payment: kept apart, nothing printed or sent under it
              {
                guard: ({ event }) => event.output.conflict !== undefined,
                target: '#payment.needsChecking',
                actions: assign(({ event }) => ({ post: event.output.post, reason: 'ersReference-conflict', notice: `ersReference already booked for ${event.output.conflict!.clientInvoiceId}` })),
              },
              { target: 'printing', actions: assign(({ event }) => ({ post: event.output.post })) },
            ],
            onError: 'recordRetry',
          },
        },
        recordRetry: { entry: assign({ message: TEXT.recordRetry }), after: { retry: 'recording' } },
        printing: {
          entry: assign({ message: TEXT.printing }),
          invoke: {
            id: 'printReceipt',
            src: 'printReceipt',
            input: ({ context }) => ({ paymentId: context.paymentId, post: context.post! }),
            onDone: { target: 'submitting', actions: assign(({ event }) => ({ printJobId: event.output.jobId })) },
            onError: { target: 'submitting', actions: assign({ notice: TEXT.printFailed }) },
          },
        },
        // a failed digital receipt never undoes the payment: it is noted and we complete
        submitting: {
          entry: assign({ message: TEXT.submitting }),
          invoke: {
            id: 'submitReceipt',
            src: 'submitReceipt',
            input: ({ context }) => ({ paymentId: context.paymentId, ersReference: context.post!.ersReference, post: context.post! }),
            onDone: {
              target: '#payment.completed',
              actions: assign(({ event }) => ({ receiptSubmitted: event.output.ok, ...(event.output.ok ? {} : { notice: `${TEXT.submitFailed} (${codeMessage('submitPaymentReceipt', event.output.code)})` }) })),
            },
            onError: { target: '#payment.completed', actions: assign({ receiptSubmitted: false, notice: TEXT.submitFailed }) },
          },
        },
      },
    },
    completed: { type: 'final', entry: assign({ message: TEXT.completed }) },
    // paid at Glase, but not bookable under its reference: the cashier and the journal see it
    needsChecking: { type: 'final', entry: assign({ message: TEXT.needsChecking }) },
    // closed by the admin while Glase stayed unreachable: flagged for the day close (payments.state)
    settledOutside: { type: 'final' },
    cancelled: { type: 'final' },
    failed: { type: 'final' },
    refused: { type: 'final' },
    orphaned: { type: 'final', entry: assign({ message: TEXT.orphan, reason: 'sendInvoice:reply-lost' }) },
  },
});

export type PaymentMachine = typeof paymentMachine;

export { initialContext, invoiceOf, postOf };
