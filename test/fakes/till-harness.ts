// A till on a simulated clock over a real SQLite store in a temp dir and a FakeGlase.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from 'xstate';
import * as assert from 'uvu/assert';
import { openStore, type Store } from '../../src/store/store.js';
import { createTill, type Till } from '../../src/till/till.js';
import type { TillEvent, TillOptions } from '../../src/till/types.js';
import { FakeGlase, InvoiceModel, ok } from './fake-glase.js';

export const T0 = Date.parse('2026-11-29T10:00:00.000Z');

export function tempDir(prefix = 'glase-pos-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** lets promise callbacks (fake answers, actor results) run */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

export interface Harness {
  dir: string;
  store: Store;
  glase: FakeGlase;
  clock: SimulatedClock;
  till: Till;
  invoice: InvoiceModel;
  events: TillEvent[];
  advance(ms: number, step?: number): Promise<void>;
  close(): Promise<void>;
}

export function seedCredentials(store: Store, glaseId: string | undefined = 'GLASE0001'): void {
  store.credentials.saveRegistration({ terminalId: '87e791f9e24148a6892c52aa85bb0331', terminalPassword: 'Abcdefghij0123456789xyzw', externalTerminalId: 'till-1', registeredAt: new Date(T0).toISOString() });
  if (glaseId) store.credentials.saveGlaseId(glaseId, new Date(T0).toISOString());
}

export async function makeTill(
  opts: { dir?: string; registered?: boolean; glase?: FakeGlase; clock?: SimulatedClock; till?: Partial<TillOptions>; start?: boolean } = {},
): Promise<Harness> {
  const dir = opts.dir ?? tempDir();
  const store = openStore(dir);
  if (opts.registered !== false && !store.credentials.get()) seedCredentials(store);
  const glase = opts.glase ?? new FakeGlase();
  glase.on('benchmarkingNop', () => ok());
  const invoice = new InvoiceModel();
  const clock = opts.clock ?? new SimulatedClock();
  if (!opts.clock) clock.set(T0);
  const till = createTill({ store, glase, clock, ...opts.till });
  const events: TillEvent[] = [];
  till.subscribe((e) => events.push(e));
  if (opts.start !== false) await till.start();
  const h: Harness = {
    dir,
    store,
    glase,
    clock,
    till,
    invoice,
    events,
    async advance(ms, step = 100) {
      for (let t = 0; t < ms; t += step) {
        clock.increment(Math.min(step, ms - t));
        await flush();
      }
    },
    async close() {
      await till.stop();
      store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** the usual happy wiring: sendInvoice gives a reference, status comes from the model */
export function wireInvoice(h: Harness, ref = '20261129100000001'): void {
  h.glase.on('sendInvoice', () => ok({ invoiceReference: ref }));
  h.glase.on('getPaymentStatus', () => h.invoice.answer());
  h.glase.on('submitPaymentReceipt', () => ok());
}

export const paymentStates = (h: Harness, paymentId: string) => h.store.journal.forPayment(paymentId).map((e) => e.state);

/**
 * A fresh till for each case of a suite, closed after it; a case fails when the till made a Glase
 * call the case did not set up. `use` receives each case's harness.
 */
export function tillPerCase(t: { before: { each(fn: () => unknown): void }; after: { each(fn: () => unknown): void } }, use: (h: Harness) => void, opts: Parameters<typeof makeTill>[0] = {}): void {
  let h: Harness | undefined;
  t.before.each(async () => {
    h = await makeTill(opts);
    use(h);
  });
  t.after.each(async () => {
    try {
      assert.equal(h?.glase.unexpected, [], 'no Glase call the test did not set up');
    } finally {
      await h?.close();
    }
  });
}

/** Starts a payment of `amount` for cashier anna; its paymentId (throws when the till refuses). */
export function startFor(h: Harness, amount = 1250): string {
  const r = h.till.startPayment({ amount, cashierId: 'anna' });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.paymentId;
}
