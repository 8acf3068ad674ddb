// The control API (JSON over HTTP, /simulator/...): set up resellers, play the customer,
// inject faults, look at the state. Used by tests, the demo and the phone page.
import type { ZodType } from 'zod';
import * as ids from './ids.js';
import { customerDecline, customerPay, customerScan, type Step } from './ledger.js';
import type { Engine } from './engine.js';
import type { Faults } from './faults.js';
import type { SimInvoice } from './model.js';
import { Customer, NewFault, NewReseller, PaymentPatch, ResellerPatch, TerminalPatch, zodMessage } from './control-schemas.js';
import { invoiceView, resellerView, terminalView } from './views.js';
import { jsonSyntaxWhere } from '../lib/json-syntax.js';
import { scryptHash } from '../lib/scrypt-hash.js';
import { GlasePosError } from '../lib/errors.js';

export const SIMULATOR_SERVICE = 'glase-pos simulator';

export interface Reply {
  status: number;
  body: unknown;
}

/** A refused control request (not the local API's ControlApiError): code simulator.http.<status>. */
class ControlApiError extends GlasePosError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`simulator.http.${status}`, message);
  }
}

function parse<T>(schema: ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (e) {
    throw new ControlApiError(400, `body: not valid JSON (${jsonSyntaxWhere(e)})`);
  }
  if (json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) throw new ControlApiError(400, 'body: must be a JSON object');
  const r = schema.safeParse(json);
  if (!r.success) throw new ControlApiError(400, zodMessage(r.error));
  return r.data;
}

export function controlApi(e: Engine, faults: Faults) {
  const s = e.store;

  function openByGlaseId(glaseId: string): SimInvoice {
    const terminalId = s.bySeqrId.get(glaseId);
    if (!terminalId) throw new ControlApiError(404, `glaseId: no terminal holds Glase ID ${glaseId}`);
    const inv = e.openOf(terminalId);
    if (!inv) throw new ControlApiError(404, `glaseId: terminal holding ${glaseId} has no open invoice`);
    return inv;
  }

  function customer(text: string, act: (inv: SimInvoice) => Step): Reply {
    const inv = openByGlaseId(parse(Customer, text).glaseId);
    const step = act(inv);
    if (step.code !== 0 || !step.invoice) throw new ControlApiError(409, `invoice ${inv.reference}: ${step.why ?? 'not possible now'}`);
    if (step.invoice !== inv) s.saveInvoice(step.invoice);
    return { status: 200, body: invoiceView(s, step.invoice) };
  }

  function route(method: string, path: string, query: URLSearchParams, text: string): Reply {
    const parts = path.split('/').filter(Boolean).slice(1); // drop "simulator"
    const [a, b] = parts;
    if (method === 'POST' && a === 'resellers' && !b) {
      const r = parse(NewReseller, text);
      const existed = s.resellers.has(r.resellerId);
      const old = s.resellers.get(r.resellerId);
      const reseller = {
        id: r.resellerId,
        userId: r.userId,
        passwordHash: scryptHash(r.password),
        currency: r.currency ?? old?.currency ?? 'SEK',
        name: r.name ?? old?.name ?? r.resellerId,
        blocked: r.blocked ?? old?.blocked ?? false,
        refundsAllowed: r.refundsAllowed ?? old?.refundsAllowed ?? true,
        payerRefundsAllowed: r.payerRefundsAllowed ?? old?.payerRefundsAllowed ?? true,
      };
      s.saveReseller(reseller);
      return { status: existed ? 200 : 201, body: resellerView(reseller) };
    }
    if (method === 'PATCH' && a === 'resellers' && b) {
      const old = s.resellers.get(b);
      if (!old) throw new ControlApiError(404, `resellerId: no reseller ${b}`);
      const { password, ...patch } = parse(ResellerPatch, text);
      const reseller = { ...old, ...patch, ...(password === undefined ? {} : { passwordHash: scryptHash(password) }) };
      s.saveReseller(reseller);
      return { status: 200, body: resellerView(reseller) };
    }
    if (method === 'PATCH' && a === 'terminals' && b) {
      const old = s.terminals.get(b);
      if (!old) throw new ControlApiError(404, `terminalId: no terminal ${b}`);
      const patch = parse(TerminalPatch, text);
      // a forgotten terminal also loses its Glase ID, as after unregisterTerminal
      const t = { ...old, ...patch, ...(patch.unregistered ? { seqrId: undefined } : {}) };
      s.saveTerminal(t);
      return { status: 200, body: terminalView(t) };
    }
    if (method === 'PATCH' && a === 'payments' && b) {
      const ref = s.invoiceOfPayment(b);
      const inv = ref === undefined ? undefined : s.invoice(ref);
      if (!inv?.payment) throw new ControlApiError(404, `ersReference: no payment ${b}`);
      const patch = parse(PaymentPatch, text);
      const p = { ...inv.payment };
      if (patch.dropFromReport !== undefined) p.droppedFromReport = patch.dropFromReport;
      if (patch.reportedAmount !== undefined) p.reportedAmountMinor = patch.reportedAmount;
      if (patch.reportedCashierId !== undefined) p.reportedCashierId = patch.reportedCashierId;
      // reversed as Glase reverses an unacknowledged payment: the customer has the money back
      const next = patch.reversed ? { ...inv, status: 'CANCELED' as const, cancelledBy: 'reversal' as const, version: inv.version + 1, payment: { ...p, reversedAt: p.reversedAt ?? e.now() } } : { ...inv, payment: p };
      s.saveInvoice(next);
      return { status: 200, body: invoiceView(s, next) };
    }
    if (method === 'GET' && a === 'invoices' && !b) {
      const glaseId = query.get('glaseId');
      if (!glaseId) throw new ControlApiError(400, 'glaseId: query parameter is required');
      return { status: 200, body: invoiceView(s, openByGlaseId(glaseId)) };
    }
    if (method === 'GET' && a === 'invoices' && b) {
      const inv = e.invoice(b);
      if (!inv) throw new ControlApiError(404, `invoiceReference: no invoice ${b}`);
      return { status: 200, body: invoiceView(s, inv) };
    }
    if (method === 'POST' && a === 'customer' && b === 'scan') return customer(text, customerScan);
    if (method === 'POST' && a === 'customer' && b === 'pay') {
      return customer(text, (inv) => {
        // Paying starts with a scan; an invoice that needs the till's acknowledgement stops there.
        const scanned = customerScan(inv);
        if (scanned.code !== 0 || !scanned.invoice) return scanned;
        if (scanned.invoice.status === 'PENDING_ISSUER_ACKNOWLEDGE') {
          if (scanned.invoice !== inv) s.saveInvoice(scanned.invoice);
          return { code: 48, why: 'waiting for the till to acknowledge with updateInvoice' };
        }
        return customerPay(scanned.invoice, e.ersReference(), ids.payerTerminalId(), e.now());
      });
    }
    if (method === 'POST' && a === 'customer' && b === 'decline') return customer(text, customerDecline);
    if (a === 'faults' && !b) {
      if (method === 'POST') {
        const f = parse(NewFault, text);
        faults.add(f);
        return { status: 201, body: { faults: faults.list() } };
      }
      if (method === 'GET') return { status: 200, body: { faults: faults.list() } };
      if (method === 'DELETE') {
        faults.clear();
        return { status: 200, body: { faults: [] } };
      }
    }
    // who answers on this port: the till reuses a running simulator only when the id is the one in its data dir
    if (method === 'GET' && a === 'identity' && !b) return { status: 200, body: { service: SIMULATOR_SERVICE, id: s.id } };
    if (method === 'GET' && a === 'reversals' && !b) return { status: 200, body: { reversals: e.reversals() } };
    if (method === 'GET' && a === 'state' && !b) {
      e.sweep();
      return {
        status: 200,
        body: {
          resellers: [...s.resellers.values()].map(resellerView),
          terminals: [...s.terminals.values()].map(terminalView),
          invoices: [...s.allInvoices()].map((i) => invoiceView(s, i)),
          periods: [...s.periods.values()],
          receipts: s.allReceipts(),
          reversals: e.reversals(),
          faults: faults.list(),
        },
      };
    }
    throw new ControlApiError(404, `no control route ${method} ${path}`);
  }

  return (method: string, path: string, query: URLSearchParams, text: string): Reply => {
    try {
      return route(method, path, query, text);
    } catch (err) {
      if (err instanceof ControlApiError) return { status: err.status, body: { error: err.message } };
      throw err;
    }
  };
}
