// The operation table: which principal each POS operation needs and who handles it.
// Anything else (topup, transfer, purchase, principal info, passwords, registration) is 91.
import { assignSeqrId, registerTerminal, unregisterTerminal } from './ops-terminal.js';
import { cancelInvoice, commitReservation, getPaymentStatus, sendInvoice, updateInvoice } from './ops-invoice.js';
import { refundPayment, submitPaymentReceipt } from './ops-payment.js';
import { executeReport, markTransactionPeriod } from './ops-report.js';
import type { Op } from './op-types.js';

const benchmarkingNop: Op = { need: 'NONE', run: () => ({ code: 0 }) };

export const OPERATIONS: Record<string, Op> = {
  registerTerminal,
  unregisterTerminal,
  assignSeqrId,
  sendInvoice,
  updateInvoice,
  getPaymentStatus,
  cancelInvoice,
  commitReservation,
  refundPayment,
  submitPaymentReceipt,
  markTransactionPeriod,
  executeReport,
  benchmarkingNop,
};
