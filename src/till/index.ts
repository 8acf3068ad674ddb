// The till runtime's public surface: everything outside src/till/ imports the till from here
// (checked by the import rule till-only-through-its-index in .dependency-cruiser.cjs).
export { createTill, type Till } from './till.js';
export { realClock, type TillClock } from './clock.js';
export { ORPHAN_KEY, confirmOrphan, orphanOf, type OrphanNote } from './orphan.js';
export { paymentsToCheck } from './payments-to-check.js';
export { settledOutsideAwaitingClose, settledOutsideOf, type PaymentSettledOutside } from './settled-outside.js';
export { generateTerminalPassword } from './setup-actors.js';
export { unknownTerminalNote, type UnknownTerminalNote } from './unknown-terminal.js';
export type { PaymentToCheck, PaymentOutcome, SettleResult, PaymentRequest, PaymentView, PrinterState, Readiness, SetupView, StartResult, TillConfig, TillEvent, TillOptions } from './types.js';
export { TillBusyError, acquireTillLock, tillLockHolder } from './lock.js';
export type { RefundView } from './refund-view.js';
export type { NewRefund, PaymentRefunds, RefundCheckResult, ResellerLogin, RefundStartResult } from './refund-service.js';
export type { DayCloseResult, DayCloseView } from './day-close.js';
export { DEFAULT_REPORT_ATTEMPTS } from './day-close.js';
export { reprintZ } from './day-close-actors.js';
