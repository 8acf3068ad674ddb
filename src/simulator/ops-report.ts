// markTransactionPeriod and executeReport (facts §6.11).
import { parameterMap } from './soap-parse.js';
import { str } from './invoice-validate.js';
import { REPORTS, buildReport, reportTitle, type Txn } from './reports.js';
import { el } from './soap-write.js';
import type { Engine } from './engine.js';
import type { TransactionPeriod } from './model.js';
import type { Op } from './op-types.js';

export const markTransactionPeriod: Op = {
  need: 'RESELLERUSER',
  run(e, body, { reseller }) {
    const terminalId = parameterMap(body.parameters).TERMINALID?.trim() || undefined;
    if (terminalId) {
      const t = e.store.terminals.get(terminalId);
      if (!t || t.resellerId !== reseller.id) return { code: 10, why: 'TERMINALID is not a terminal of this reseller' };
    }
    // The period closed now began where the previous period of the same scope ended.
    let from = 0;
    for (const p of e.store.periods.values()) {
      if (p.resellerId === reseller.id && p.terminalId === terminalId && p.markedAt > from) from = p.markedAt;
    }
    const id = e.ersReference();
    e.store.savePeriod({ id, resellerId: reseller.id, terminalId, from, markedAt: e.now() });
    return { code: 0, ersReference: id, extra: el('transactionPeriodId', id) };
  },
};

function transactions(e: Engine, p: TransactionPeriod): Txn[] {
  e.sweep(); // reversed payments leave the reports
  const inPeriod = (at: number) => at > p.from && at <= p.markedAt;
  const scoped = (terminalId: string) => !p.terminalId || terminalId === p.terminalId;
  const out: Txn[] = [];
  for (const inv of e.store.allInvoices()) {
    const pay = inv.payment;
    if (inv.resellerId !== p.resellerId || !pay || pay.reversedAt !== undefined || inv.status !== 'PAID' || pay.droppedFromReport) continue;
    if (!inPeriod(pay.paidAt) || !scoped(inv.terminalId)) continue;
    out.push({
      terminalId: inv.terminalId,
      cashierId: pay.reportedCashierId ?? inv.data.cashierId,
      amountMinor: pay.reportedAmountMinor ?? pay.amountMinor,
      currency: pay.currency,
      ersReference: pay.ersReference,
      at: pay.paidAt,
    });
  }
  for (const r of e.store.refunds.values()) {
    if (r.resellerId !== p.resellerId || !inPeriod(r.at) || !scoped(r.terminalId)) continue;
    out.push({ terminalId: r.terminalId, cashierId: r.data.cashierId, amountMinor: -r.amountMinor, currency: r.currency, ersReference: r.ersReference, at: r.at });
  }
  return out;
}

export const executeReport: Op = {
  need: 'RESELLERUSER',
  run(e, body, { reseller }) {
    const reportId = str(body.reportId)?.trim() ?? '';
    // own keys only: 'constructor' and the like are not report ids
    const kind = Object.hasOwn(REPORTS, reportId) ? REPORTS[reportId] : undefined;
    if (!kind) return { code: 91, why: `unknown reportId ${reportId}` };
    const params = parameterMap(body.parameters);
    const period = e.store.periods.get(params.transactionPeriodId?.trim() ?? '');
    if (!period || period.resellerId !== reseller.id) return { code: 23, why: 'unknown transactionPeriodId' };
    // Terminal reports never become ready for a period marked without TERMINALID (FAQ).
    if (kind.scope === 'terminal' && !period.terminalId) return { code: 2, why: 'period was marked without TERMINALID' };
    if (e.now() < period.markedAt + e.opts.reportDelayMs) return { code: 2 };
    const xml = buildReport(
      kind,
      { resellerId: reseller.id, terminalId: period.terminalId, transactionPeriodId: period.id, currency: reseller.currency, now: e.now() },
      transactions(e, period),
    );
    const report =
      '<report>' +
      `<title>${reportTitle(kind, period.id)}</title>` +
      el('mimeType', 'text/html') +
      el('content', Buffer.from(xml, 'utf8').toString('base64')) +
      el('contentString', xml) +
      '</report>';
    return { code: 0, extra: report };
  },
};
