// sendInvoice, updateInvoice, getPaymentStatus, cancelInvoice, commitReservation (facts §6.3–6.9).
import { parseAmount } from '../lib/money.js';
import * as ids from './ids.js';
import { acknowledgeStatus, cancel, commit, newInvoice, supersede, update } from './ledger.js';
import { str, validateInvoice } from './invoice-validate.js';
import { el, group, invoiceXml } from './soap-write.js';
import type { Engine } from './engine.js';
import type { SimInvoice } from './model.js';
import type { Op, OpResult } from './op-types.js';

/** The caller's own invoice by reference; another terminal's reference is unknown to it (54). */
function own(e: Engine, terminalId: string, ref: string | undefined): SimInvoice | undefined {
  const inv = e.invoice(ref?.trim());
  return inv && inv.terminalId === terminalId ? inv : undefined;
}

export const sendInvoice: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal, reseller }) {
    const v = validateInvoice(body.invoice, reseller.currency);
    if (!v.ok) return { code: v.code, why: v.why };
    const ref = e.invoiceReference();
    e.store.atomically(() => {
      // A cash-register terminal holds one transaction: the previous open invoice is cancelled.
      const prev = e.openOf(terminal.id);
      const cancelled = prev && supersede(prev, 'new-invoice');
      if (cancelled) e.store.saveInvoice(cancelled);
      e.store.saveInvoice(newInvoice(ref, terminal.id, reseller.id, v.data, e.now()));
    });
    return { code: 0, extra: el('invoiceQRCode', `HTTP://SEQR.SE/R${ref}`) + el('invoiceReference', ref) };
  },
};

export const updateInvoice: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal, reseller }) {
    const inv = own(e, terminal.id, str(body.invoiceReference));
    if (!inv) return { code: 54 };
    const v = validateInvoice(body.invoice, reseller.currency);
    if (!v.ok) return { code: v.code, why: v.why };
    const step = update(inv, v.data);
    if (step.invoice) e.store.saveInvoice(step.invoice);
    return { code: step.code, why: step.why };
  },
};

function receiptXml(inv: SimInvoice, receiverName: string): string {
  const p = inv.payment!;
  return (
    '<receipt>' +
    el('terminalId', inv.terminalId) +
    el('paymentDate', new Date(p.paidAt).toISOString()) +
    el('clientInvoiceId', inv.data.clientInvoiceId) +
    el('invoiceReference', inv.reference) +
    el('paymentReference', p.ersReference) +
    el('payerTerminalId', p.payerTerminalId) +
    el('receiverName', receiverName) +
    invoiceXml('invoice', { ...inv.data, totalAmount: { currency: p.currency, minor: p.amountMinor } }) +
    '</receipt>'
  );
}

export const getPaymentStatus: Op = {
  need: 'TERMINALID',
  onError: '<version>0</version>', // version is a required element of the response type
  run(e, body, { terminal, reseller }): OpResult {
    // invoiceReference is optional for a physical shop: then the terminal's latest invoice.
    const ref = str(body.invoiceReference)?.trim();
    let inv = ref ? own(e, terminal.id, ref) : e.latestOf(terminal.id);
    if (!inv) return { code: 54, extra: '<version>0</version>' };
    const acked = acknowledgeStatus(inv, e.now());
    if (acked) {
      e.store.saveInvoice(acked);
      inv = acked;
    }
    const paid = inv.status === 'PAID' && inv.payment;
    const extra =
      el('status', inv.status) + (paid ? receiptXml(inv, reseller.name || reseller.id) : '') + group('customerTokens', '') + el('version', inv.version);
    return { code: 0, extra, ersReference: paid ? inv.payment!.ersReference : undefined };
  },
};

export const cancelInvoice: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal }) {
    const inv = own(e, terminal.id, str(body.invoiceReference));
    if (!inv) return { code: 54 };
    const step = cancel(inv);
    if (step.invoice) e.store.saveInvoice(step.invoice);
    return { code: step.code, why: step.why };
  },
};

export const commitReservation: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal, reseller }) {
    const inv = own(e, terminal.id, str(body.invoiceReference));
    if (!inv) return { code: 54 };
    let minor: number | undefined;
    const a = body.amount as Record<string, unknown> | undefined;
    if (a && typeof a === 'object' && str(a.value) !== undefined) {
      const cur = str(a.currency) ?? reseller.currency;
      if (cur !== reseller.currency) return { code: 49, why: 'amount currency is not the account currency' };
      try {
        minor = parseAmount(str(a.value)!, cur);
      } catch (err) {
        return { code: 11, why: (err as Error).message };
      }
    }
    const ers = e.ersReference();
    const step = commit(inv, minor, ers, ids.payerTerminalId(), e.now());
    if (step.invoice) e.store.saveInvoice(step.invoice);
    return { code: step.code, why: step.why, ersReference: step.code === 0 ? ers : undefined };
  },
};
