// The cashier's payment flow (issue 10 §3): the Glase dialog's confirmations and the waiting
// screen's countdown.
export default {
  'amount.hintRaise': 'Left to pay: {left}. Lower the amount if the rest is paid another way, or raise it up to {most}.',
  'amount.overMax': 'at most {most} can be paid with Glase on this till',
  'amount.raise.title': 'Raise the Glase amount?',
  'amount.raise.text': '{amount} is {diff} more than the {left} left to pay.',
  'amount.raise.ok': 'Raise by {diff}',
  'amount.last.title': 'Glase is paid last: take the other tenders first',
  'amount.last.text': '{rest} of the {left} left must be paid another way before Glase takes {amount}.',
  'amount.last.ok': 'Other tenders taken',
  'amount.correct': 'Correct',
  'settle.offer': "Glase cannot be reached: settle outside the till…",
  'settle.title': "Settle the payment outside the till",
  'settle.text': "Glase cannot be reached. The till asks Glase once more; only if there is still no answer is the payment closed here and flagged for the day close.",
  'settle.note': "How was it paid instead?",
  'settle.go': "Ask Glase, then settle",
  'settle.noteMissing': "Say how the payment was settled instead (for example: paid cash).",
  'settle.asking': "Asking Glase…",
  'ended.settledOutside': "Settled outside the till",
  'ended.settledOutsideCustomer': "The payment was settled at the till",
  'refund.needsChecking': "Refunded — needs checking",
};
