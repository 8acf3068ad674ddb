// The back office's pages, rendered on the server as plain HTML (no script): the layout,
// the login form, the dashboard, tills, search, enrolment codes and users.
import { formatAmount } from '../lib/money.js';
import { esc } from './http.js';
import type { Till } from './tills.js';
import type { User } from './users.js';
import type { FoundPost } from './reports.js';

const STYLE = `body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#1a202c;background:#f7fafc}
header{background:#1a365d;color:#fff;padding:10px 24px;display:flex;gap:18px;align-items:center}
header a{color:#fff;text-decoration:none}header .me{margin-left:auto}
main{padding:16px 24px;max-width:1200px}h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:18px 0 8px}
table{border-collapse:collapse;background:#fff;width:100%}td,th{border:1px solid #e2e8f0;padding:5px 8px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.card{background:#fff;border:1px solid #e2e8f0;padding:12px;margin-bottom:14px}
.warn{color:#9b2c2c;font-weight:600}.ok{color:#276749}.code{font:600 22px monospace;letter-spacing:2px}
form.inline{display:inline}input,select,button{font:inherit;padding:4px 8px}.err{background:#fff5f5;border:1px solid #feb2b2;padding:8px}`;

export function layout(title: string, user: User | undefined, body: string): string {
  const nav = user
    ? `<a href="/">Dashboard</a><a href="/tills">Tills</a><a href="/search">Search</a><a href="/reconciliation">Reconciliation</a><a href="/exports">Exports</a>${user.role === 'owner' ? '<a href="/enrolment">Enrolment</a><a href="/users">Users</a>' : ''}<span class="me">${esc(user.username)} (${esc(user.role)}) <form class="inline" method="post" action="/logout"><button>Log out</button></form></span>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Glase back office</title><style>${STYLE}</style></head><body><header><strong>Glase back office</strong>${nav}</header><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

export const money = (ore: number, currency: string): string => `${formatAmount(ore, currency)} ${currency}`;

export function loginPage(error?: string): string {
  return layout('Log in', undefined, `${error ? `<p class="err">${esc(error)}</p>` : ''}<form method="post" action="/login" class="card"><p><label>User <input name="username" autocomplete="username" required></label></p><p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p><button>Log in</button></form>`);
}

export function tillsTable(tills: Till[], canManage: boolean): string {
  if (tills.length === 0) return '<p>No till is enrolled yet.</p>';
  const rows = tills.map((t) => `<tr><td>${esc(t.name)}</td><td>${esc(t.externalId)}</td><td><code>${esc(t.terminalId)}</code></td><td>${t.unregisteredAt ? `<span class="warn">unregistered ${esc(t.unregisteredAt.slice(0, 16))}</span>` : 'active'}</td><td>${esc(t.lastSeenAt?.slice(0, 19) ?? 'never')}</td><td class="n${t.backlog > 0 ? ' warn' : ''}">${t.backlog}</td><td>${esc(t.version ?? '')}</td>${canManage ? `<td>${t.unregisteredAt ? '' : `<form class="inline" method="post" action="/tills/${t.id}/unregister"><button>Unregister</button></form>`}</td>` : ''}</tr>`);
  return `<table><thead><tr><th>Till</th><th>External id</th><th>Glase terminalId</th><th>State</th><th>Last seen (UTC)</th><th class="n">Backlog</th><th>Version</th>${canManage ? '<th></th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function postsTable(posts: FoundPost[]): string {
  if (posts.length === 0) return '<p>Nothing found.</p>';
  const rows = posts.map((p) => `<tr><td>${esc(p.businessDay)}</td><td>${esc(p.tillName)}</td><td>${esc(p.kind)}</td><td class="n">${esc(money(p.amount, p.currency))}</td><td><code>${esc(p.ersReference ?? '')}</code></td><td>${esc(p.cashierId ?? '')}</td></tr>`);
  return `<table><thead><tr><th>Day</th><th>Till</th><th>Kind</th><th class="n">Amount</th><th>ersReference</th><th>Cashier</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
