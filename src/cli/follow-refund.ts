// Follows one refund in the till until it ends or is in doubt, for `refund`: a line per change
// (or one JSON event per change with --json). A refund in doubt (`unknown`) is where the
// command stops: only the report check (`refund --check-unknown`) can settle it.
import { cliMoney, said } from './language.js';
import type { RefundView } from '../till/index.js';
import type { CliTill } from './till.js';
import { jsonLine } from './follow.js';

export const EXIT_IN_DOUBT = 3;

export function describeRefund(v: RefundView): string {
  const parts = [v.state, cliMoney(v.amount, v.currency), said(v.message)];
  if (v.notice) parts.push(`(${said(v.notice)})`);
  return parts.join(' — ');
}

/** Resolves with the refund once it is final or in doubt. */
export function followRefund(t: CliTill, refundId: string, o: { json: boolean }): Promise<RefundView> {
  let last = '';
  const show = (v: RefundView) => {
    const key = JSON.stringify(v);
    if (key === last) return;
    last = key;
    if (o.json) jsonLine({ type: 'refund', ...v });
    else process.stderr.write(describeRefund(v) + '\n');
  };
  return new Promise((resolve) => {
    const check = (v: RefundView | undefined) => {
      if (!v) return;
      show(v);
      if (v.final || v.state === 'unknown') {
        off();
        resolve(v);
      }
    };
    const off = t.till.subscribe((e) => e.type === 'refund' && e.refund.refundId === refundId && check(e.refund));
    check(t.till.refund(refundId));
  });
}

export function refundExitCode(v: RefundView): number {
  if (v.outcome === 'completed') return 0;
  return v.state === 'unknown' ? EXIT_IN_DOUBT : 1;
}

export function refundOutcomeLine(v: RefundView): string {
  if (v.outcome === 'completed') return `refunded ${cliMoney(v.amount, v.currency)} of ${v.originalErsReference}: refund reference ${v.refundErsReference}`;
  if (v.state === 'unknown') return `IN DOUBT: ${v.message} Settle it with \`glase-pos refund --check-unknown\` (refund ${v.refundId}).`;
  return `not refunded (${v.outcome ?? v.state}): ${v.message}`;
}
