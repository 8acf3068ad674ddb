// The reconciliation view: periods closed at Glase, and one period's differences with their
// class, both amounts, the reason, and an acknowledge button for the owner.
import { esc } from './http.js';
import { layout, money } from './pages.js';
import type { Difference } from './reconcile-shop.js';
import type { User } from './users.js';

export function reconciliationPage(user: User, periods: Array<{ periodId: string; markedAt: string; markedBy: string; state: string; summary: Record<string, unknown> | null; open: number }>, chosen: string | undefined, diffs: Difference[], error?: string, currency = 'SEK'): string {
  const amt = (v: number | null) => (v === null ? '-' : esc(money(v, currency)));
  const run = user.role === 'owner' ? '<form method="post" action="/reconciliation" class="card"><button>Close the shop\'s period at Glase and reconcile</button> <small>markTransactionPeriod for the whole shop, then Shop.xml and STD_RECON 002/003/004</small></form>' : '';
  const list = periods.length
    ? `<table><thead><tr><th>Period</th><th>Closed (UTC)</th><th>By</th><th>State</th><th class="n">Glase posts</th><th class="n">Matched</th><th class="n">Open differences</th></tr></thead><tbody>${periods
        .map((p) => `<tr><td><a href="/reconciliation?period=${esc(p.periodId)}">${esc(p.periodId)}</a></td><td>${esc(p.markedAt.slice(0, 19))}</td><td>${esc(p.markedBy)}</td><td>${esc(p.state)}</td><td class="n">${esc(p.summary?.glaseCount ?? '')}</td><td class="n">${esc(p.summary?.matched ?? '')}</td><td class="n${p.open ? ' warn' : ''}">${p.open}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p>No period closed yet.</p>';
  const rows = diffs.map((d) => `<tr class="diff" data-class="${esc(d.class)}"><td>${esc(d.class)}</td><td><code>${esc(d.ersReference ?? '')}</code></td><td>${esc(d.terminalId ?? '')}</td><td>${esc(d.cashierId ?? '')}</td><td class="n">${amt(d.ledgerOre)}</td><td class="n">${amt(d.glaseOre)}</td><td>${esc(d.reason)}</td><td>${esc(d.state)}${d.acknowledgedBy ? ` by ${esc(d.acknowledgedBy)}` : ''}${d.note ? `: ${esc(d.note)}` : ''}</td><td>${d.state === 'open' && user.role === 'owner' ? `<form class="inline" method="post" action="/differences/${d.id}/acknowledge"><input name="note" placeholder="note" size="12"><button>Acknowledge</button></form>` : ''}</td></tr>`);
  return layout('Reconciliation', user, `${error ? `<p class="err">${esc(error)}</p>` : ''}${run}<div class="card"><h2>Periods</h2>${list}</div>
    ${chosen ? `<div class="card"><h2>Differences in ${esc(chosen)}</h2>${rows.length ? `<table id="differences"><thead><tr><th>Class</th><th>ersReference</th><th>Terminal</th><th>Cashier</th><th class="n">Ledger</th><th class="n">Glase</th><th>Reason</th><th>State</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p class="ok">None: the ledger agrees with Glase for this period.</p>'}</div>` : ''}`);
}
