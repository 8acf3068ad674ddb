// The simulator's state holder shared by the SOAP operations and the control API: the store,
// the clock, reference generation, and lazy evaluation of the auto-reversal rule.
import * as ids from './ids.js';
import { applyReversal, isOpen, reversalDue } from './ledger.js';
import type { SimInvoice } from './model.js';
import type { SimStore } from './store.js';

export interface EngineOptions {
  reversalMs: number;
  reportDelayMs: number;
  now: () => number;
}

export class Engine {
  constructor(
    readonly store: SimStore,
    readonly opts: EngineOptions,
  ) {}

  now(): number {
    return this.opts.now();
  }

  /** A fresh 25-digit reference (payments, refunds, transaction periods). */
  ersReference(): string {
    return ids.ersReference(this.now(), this.store.seq('ers'));
  }

  invoiceReference(): string {
    return ids.invoiceReference(this.now(), this.store.seq('invoice'));
  }

  /** An invoice as it reads now: a payment left unacknowledged too long is reversed first. */
  invoice(ref: string | undefined): SimInvoice | undefined {
    const inv = ref === undefined ? undefined : this.store.invoice(ref);
    if (!inv) return undefined;
    const reversed = applyReversal(inv, this.now(), this.opts.reversalMs);
    if (!reversed) return inv;
    this.store.saveInvoice(reversed);
    return reversed;
  }

  /** The terminal's latest invoice, open or not, as it reads now (openOf: only if still open). */
  latestOf(terminalId: string): SimInvoice | undefined {
    return this.invoice(this.store.latestByTerminal.get(terminalId));
  }

  openOf(terminalId: string): SimInvoice | undefined {
    const inv = this.latestOf(terminalId);
    return inv && isOpen(inv) ? inv : undefined;
  }

  /** Applies every reversal that is due; returns how many happened. Run by a timer. */
  sweep(): number {
    let n = 0;
    const now = this.now();
    for (const inv of this.store.invoices.values()) {
      const due = reversalDue(inv, this.opts.reversalMs);
      if (due !== undefined && due <= now) {
        this.invoice(inv.reference);
        n++;
      }
    }
    return n;
  }

  /** Payments the simulator reversed, newest last (tests check "never reversed"). */
  reversals(): { invoiceReference: string; ersReference: string; reversedAt: number }[] {
    this.sweep();
    return [...this.store.allInvoices()]
      .filter((i) => i.payment?.reversedAt !== undefined)
      .map((i) => ({ invoiceReference: i.reference, ersReference: i.payment!.ersReference, reversedAt: i.payment!.reversedAt! }))
      .sort((a, b) => a.reversedAt - b.reversedAt);
  }
}
