// The body of a Z report: till, period, the till's counts and sums beside Glase's, per
// cashier, the verdict and every difference with its reason. The frame (header, COPY, footer)
// and the line helpers are receipt-document.ts's, handed in; the words are the catalogue's
// (src/i18n, area z). A difference's reason is said from its code (src/i18n/z-reason.js); one
// stored before codes existed prints as the close wrote it (English).
import type { ZPrintPost } from '../store/transaction-post.js';
import type { BodyWriter } from './refund-document.js';
import type { Difference } from '../../machines/z-report-types.js';

export interface ZWriter extends BodyWriter {
  /** a UTC ISO time as printed (local zone) */
  at(iso: string): string;
  left(text: string): void;
  /** a difference's reason in the receipt's language */
  reason(d: Difference, currency: string): string;
}

export function zBody(post: ZPrintPost, out: ZWriter): void {
  const { t } = out;
  const z = post.z;
  const m = (minor: number) => out.money(minor, z.currency);
  const totals = (tot: typeof z.till) => {
    out.pair(`${t('z.payments')} ${tot.payments.count}`, m(tot.payments.total));
    out.pair(`${t('z.refunds')} ${tot.refunds.count}`, m(tot.refunds.total));
    out.pair(t('z.net'), m(tot.net), true);
  };
  out.center(`${t('z.title')} ${z.zNumber}`, true);
  out.push({ kind: 'blank' });
  out.pair(t('z.till'), post.till ?? z.externalTerminalId ?? z.terminalId);
  out.pair(t('receipt.terminal'), z.terminalId);
  out.pair(t('z.from'), z.periodStart ? out.at(z.periodStart) : t('z.firstClose'));
  out.pair(t('z.to'), out.at(z.periodEnd));
  out.pair(t('z.period'), z.periodId);
  out.push({ kind: 'blank' });
  out.center(t('z.tillBooks'), true);
  totals(z.till);
  out.center(t('z.glaseBooks'), true);
  totals(z.glase);
  out.pair(`${t('z.summary')} ${z.glaseSummary.count}`, m(z.glaseSummary.total));
  out.push({ kind: 'blank' });
  out.center(t('z.perCashier'), true);
  if (z.cashiers.length === 0) out.left(t('z.noTransactions'));
  for (const c of z.cashiers) out.pair(`${c.cashierId ?? t('z.noCashier')} (${c.count})`, m(c.net));
  out.push({ kind: 'blank' });
  out.center(z.verdict === 'matched' ? t('z.matched') : t('z.needsAttention'), true);
  for (const d of z.differences) {
    out.push({ kind: 'blank' });
    out.left(t(`z.kind.${d.kind}`));
    if (d.ersReference) out.left(d.ersReference);
    out.left(out.reason(d, z.currency));
  }
  out.push({ kind: 'blank' });
  out.pair(t('z.closed'), out.time);
  out.pair(t('z.by'), z.closedBy);
}
