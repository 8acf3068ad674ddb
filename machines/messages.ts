// Every Glase result code as a sentence a cashier understands, per operation where the
// meaning differs. One table, used by the machines and shown on the screen and CLI.

export type GlaseOp =
  | 'registerTerminal'
  | 'unregisterTerminal'
  | 'assignSeqrId'
  | 'sendInvoice'
  | 'getPaymentStatus'
  | 'cancelInvoice'
  | 'updateInvoice'
  | 'submitPaymentReceipt';

/** Codes that mean "the server is busy or a backend is down": retry later, nothing changed. */
export const TRANSIENT_CODES: readonly number[] = [90, 93, 94];

/** Where a person forgets a registration Glase no longer knows (result code 29): screen, CLI and API say the same. */
export const FORGET_HINT = 'forget its registration (admin menu → Registration → Forget registration, or `glase-pos forget-registration`), then register it again';

const GENERAL: Record<number, string> = {
  0: 'done',
  11: 'Glase rejected the amount',
  20: 'Glase did not accept this till\'s password; register the till again',
  21: 'Glase refused access for this till; register the till again',
  29: `Glase no longer knows this till; ${FORGET_HINT}`,
  33: 'this till is blocked or inactive at Glase; call Glase support',
  37: 'Glase does not know this till; register it again',
  48: 'the customer is paying right now',
  49: 'Glase rejected the invoice data (for example the currency)',
  53: 'this Glase ID is not valid or belongs to another till',
  54: 'Glase does not know this invoice any more',
  57: 'this till is already registered at Glase',
  58: 'the payment expired',
  90: 'Glase had an internal error',
  91: 'Glase does not support this operation for this till',
  93: 'Glase is busy',
  94: 'a service behind Glase (for example the bank) is unavailable',
};

const BY_OP: Partial<Record<GlaseOp, Record<number, string>>> = {
  registerTerminal: {
    20: 'wrong reseller password',
    37: 'wrong reseller id or user id',
    29: 'wrong reseller id or user id',
    56: 'Glase cannot register this till now; call Glase support',
    57: 'a till with this name is already registered at Glase',
    90: 'Glase had an internal error; nothing was registered, try again',
    93: 'Glase is busy; nothing was registered, try again in a minute',
    94: 'Glase is unavailable; nothing was registered, try again later',
  },
  unregisterTerminal: {
    20: 'Glase did not accept this till\'s password; the till stays registered here',
    29: `Glase no longer knows this till, so there is nothing to unregister; ${FORGET_HINT}`,
  },
  assignSeqrId: {
    53: 'this Glase ID belongs to another till or is not valid (letters and digits only)',
    90: 'Glase had an internal error; the Glase ID was not assigned, try again',
    93: 'Glase is busy; the Glase ID was not assigned, try again',
    94: 'Glase is unavailable; the Glase ID was not assigned, try again later',
  },
  sendInvoice: {
    11: 'Glase rejected the amount; nothing was charged',
    49: 'Glase rejected the invoice (check the currency and rows); nothing was charged',
    90: 'Glase had an internal error; no payment was created, start the payment again',
    93: 'Glase is busy; no payment was created, start the payment again in a moment',
    94: 'a service behind Glase is unavailable; no payment was created, try again later or take another tender',
  },
  getPaymentStatus: {
    54: 'Glase does not know this invoice any more; the payment did not go through',
    90: 'Glase had an internal error; still checking the payment',
    93: 'Glase is busy; still checking the payment',
    94: 'a service behind Glase is unavailable; still checking the payment',
  },
  cancelInvoice: {
    48: 'the customer is paying right now; wait for the payment to finish',
    50: 'the customer has already paid; confirming the payment',
    51: 'the customer is paying right now; wait for the payment to finish',
    54: 'Glase does not know this invoice; it was not cancelled',
    95: 'the payment was already cancelled',
    90: 'Glase had an internal error; the payment was NOT cancelled, cancel again',
    93: 'Glase is busy; the payment was NOT cancelled, cancel again',
    94: 'Glase is unavailable; the payment was NOT cancelled, cancel again',
  },
  updateInvoice: {
    11: 'Glase rejected the new amount; the payment keeps its amount',
    48: 'the customer is paying right now; the amount was not changed',
    49: 'Glase rejected the changed invoice (check the rows); the payment keeps its amount',
    54: 'Glase does not know this invoice any more; the amount was not changed',
    // Glase answers a change of a paid invoice with a system error (facts §6.5)
    90: 'Glase refused the change: the customer may have paid already; the amount was not changed',
    93: 'Glase is busy; the amount was not changed, try again',
    94: 'a service behind Glase is unavailable; the amount was not changed, try again',
  },
  submitPaymentReceipt: {
    23: 'Glase did not find the payment for the digital receipt; the payment itself is complete',
  },
};

export function codeMessage(op: GlaseOp, code: number): string {
  return BY_OP[op]?.[code] ?? GENERAL[code] ?? `Glase answered with code ${code}; call Glase support if this repeats`;
}

/** Sentences for payment states and faults (no result code involved). */
export const TEXT = {
  sending: 'sending the invoice to Glase',
  waiting: 'waiting for the customer to pay with Glase',
  question: 'no payment yet: try again or cancel the payment?',
  cancelling: 'cancelling the payment',
  paid: 'paid',
  recording: 'paid; saving the payment',
  recordRetry: 'paid, but the till could not save it yet; retrying (do not take another payment)',
  printing: 'paid; printing the receipt',
  submitting: 'paid; sending the receipt to Glase',
  completed: 'paid; payment complete',
  cancelled: 'the payment was cancelled',
  canceledByServer: 'the payment was cancelled at Glase',
  expired: 'the payment expired',
  failedStatus: 'the payment failed on the customer\'s side',
  reserved: 'Glase reserved the amount instead of charging it; this till does not take reservations, the payment did not go through',
  connectionLost: 'connection to Glase lost; still checking the payment every second',
  cancelUnknown: 'connection lost while cancelling; checking whether the payment was cancelled',
  cancelNotDone: 'the payment was not cancelled and is still open: cancel again or try again',
  cancelNotSent: 'could not reach Glase: the payment was NOT cancelled, cancel again',
  sendNotApplied: 'could not reach Glase; no payment was created, start the payment again',
  orphan:
    'the till lost Glase\'s answer while sending the invoice. The customer may see the payment on the phone: ask them not to pay it. ' +
    'If they already paid, Glase returns the money automatically. Confirm before the next payment.',
  changeNotSent: 'could not reach Glase: the amount was NOT changed, try again',
  changeUnknown:
    'Glase did not answer the change of amount; it may or may not apply. Still checking the payment: the customer\'s phone shows the amount, send the change again to be sure',
  paidNoReference: 'Glase says paid but sent no payment reference; asking again',
  needsChecking:
    'paid, needs checking: Glase gave this payment the payment reference of another payment on this till. No receipt was printed; ' +
    'keep the customer\'s proof of payment and call Glase support before handing over the goods',
  settledOutside: 'settled outside the till: Glase could not be reached, so the admin closed this payment here; it is flagged for the day close, check it with Glase',
  resumed: 'resumed after a restart; checking the payment',
  submitFailed: 'the digital receipt could not be sent to Glase; the payment itself is complete',
  printFailed: 'the receipt could not be queued for printing; reprint it from the admin menu',
} as const;

/** PAID with a reference that breaks the ersReference rule: a protocol error, never booked under it. */
export function badReferenceNotice(problem: string): string {
  return `Glase says paid but its payment reference is not valid (${problem}); asking again`;
}

export function unknownStatusMessage(raw: string | undefined): string {
  return `Glase answered with an unknown payment status ${JSON.stringify(raw ?? '')}; the payment did not go through here. If the customer was charged, Glase returns the money automatically`;
}
