// The refund's sentences for the cashier: every refundPayment result code the docs name for
// it (23, 48, 97, 98, 99, 11) and the server faults, plus the refund's own states.
// The refund of a lost reply says plainly that money may have gone back already.

import { FORGET_HINT } from './messages.js';

const REFUND_CODES: Record<number, string> = {
  11: 'Glase rejected the refund amount; nothing was refunded',
  23: 'Glase does not know this payment reference; nothing was refunded, check the receipt',
  48: 'Glase is busy with a payment on this till; nothing was refunded, try again when the payment is finished',
  64: 'Glase rejected the refund data; nothing was refunded',
  97: 'refunds with Glase are not allowed for this shop; nothing was refunded, call Glase support',
  98: 'the refunds would add up to more than the payment; nothing was refunded',
  99: 'the customer\'s bank does not accept Glase refunds; nothing was refunded, pay the customer back another way',
  20: 'Glase did not accept this till\'s password; nothing was refunded, register the till again',
  29: `Glase no longer knows this till; nothing was refunded. ${FORGET_HINT[0].toUpperCase()}${FORGET_HINT.slice(1)}`,
  33: 'this till is blocked or inactive at Glase; nothing was refunded, call Glase support',
  90: 'Glase had an internal error; nothing was refunded, try again',
  91: 'Glase does not support refunds for this till; nothing was refunded',
  93: 'Glase is busy; nothing was refunded, try again in a moment',
  94: 'a service behind Glase is unavailable; nothing was refunded, try again later',
};

export function refundCodeMessage(code: number): string {
  return REFUND_CODES[code] ?? `Glase refused the refund with code ${code}; nothing was refunded, call Glase support if this repeats`;
}

export const REFUND_TEXT = {
  sending: 'sending the refund to Glase',
  unknown: 'Glase did not answer. The refund may have gone through; do not pay the customer back another way.',
  recording: 'refunded; saving the refund',
  recordRetry: 'refunded, but the till could not save it yet; retrying',
  printing: 'refunded; printing the refund receipt',
  submitting: 'refunded; sending the refund receipt to Glase',
  completed: 'refunded; the money goes back to the customer\'s Glase account',
  needsChecking:
    'refunded, needs checking: Glase gave this refund a reference already booked on this till. No refund receipt was printed; ' +
    'the money goes back to the customer, but call Glase support to check the refund\'s reference',
  sendNotApplied: 'could not reach Glase; nothing was refunded, try again',
  notApplied: 'Glase\'s report shows this refund never went through; nothing was refunded. An admin may send it again.',
  notSent: 'the till restarted before the refund was sent; nothing was refunded, start it again',
  foundByReport: 'Glase\'s report shows the refund went through',
  resumed: 'resumed after a restart',
  printFailed: 'the refund receipt could not be queued for printing; reprint it from the admin menu',
  submitFailed: 'the digital refund receipt could not be sent to Glase; the refund itself is complete',
} as const;
