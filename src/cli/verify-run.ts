// `glase-pos verify`: the certification sequence (facts: CERT tests 1–8) against the configured
// Glase server, run through this till's own runtime (the payment, refund and day-close machines)
// on a throwaway data directory and its own terminal, unregistered at the end. Every Glase call
// of a step is recorded with its result code; a step passes only when its calls answered as
// certification expects. Against the simulator, verify plays the customer (control API);
// against a real server it tells the person with the test phone what to do and waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createGlaseClient, type GlaseClient } from '../glase/client.js';
import { glaseClientOptions } from '../glase/options.js';
import { resultName } from '../glase/result-codes.js';
import type { GlaseApi } from '../glase/types.js';
import { silentLogger } from '../lib/log.js';
import { openStore } from '../store/store.js';
import { createTill, type Till } from '../till/index.js';

export interface StepCall {
  op: string;
  code?: number;
  name?: string;
  fault?: string;
}
export interface StepReport {
  n: number;
  name: string;
  pass: boolean;
  detail: string;
  calls: StepCall[];
  ms: number;
}
export interface VerifyReport {
  server: string;
  simulator: boolean;
  terminalId?: string;
  startedAt: string;
  steps: StepReport[];
  pass: boolean;
}

export interface Customer {
  /** makes the customer pay the open invoice of this Glase ID (simulator), or asks a person to */
  pay(glaseId: string, amountText: string): Promise<void>;
  /** delays the till's next status polls (simulator only), to show a late poll loses nothing */
  delayPolls?(ms: number, times: number): Promise<void>;
  /** Glase reversed this payment (simulator only) */
  reversed?(ersReference: string): Promise<boolean>;
}

export interface VerifyOptions {
  config: Config;
  endpoint: string;
  login: { resellerId: string; userId: string; password: string };
  glaseId: string;
  customer: Customer;
  simulator: boolean;
  /** how long a step may take (a person paying on a phone is slow) */
  stepTimeoutMs: number;
  say(line: string): void;
}

/** Records every Glase call into the current step. */
function recording(api: GlaseClient, sink: () => StepCall[]): GlaseClient {
  return new Proxy(api, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv);
      if (typeof v !== 'function' || prop === 'close' || prop === 'benchmarkingNop') return v;
      return async (...args: unknown[]) => {
        const call: StepCall = { op: String(prop) };
        sink().push(call);
        try {
          const r = (await (v as (...a: unknown[]) => Promise<{ code: number }>).apply(target, args)) as { code: number };
          call.code = r.code;
          call.name = resultName(r.code);
          return r;
        } catch (e) {
          call.fault = (e as Error).message;
          throw e;
        }
      };
    },
  }) as GlaseClient;
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no end within ${Math.round(ms / 1000)} s`)), ms).unref())]);

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${Math.round(ms / 1000)} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every call of `op` answered `code` (and there was one). */
function answered(calls: StepCall[], op: string, code = 0): string | undefined {
  const of = calls.filter((c) => c.op === op);
  if (of.length === 0) return `${op} was not called`;
  const bad = of.find((c) => c.code !== code);
  if (bad) return `${op} answered ${bad.code ?? 'no answer'} ${bad.name ?? bad.fault ?? ''}`.trim() + `, expected ${code} ${resultName(code)}`;
  return undefined;
}

export async function runVerify(o: VerifyOptions): Promise<VerifyReport> {
  const dir = mkdtempSync(join(tmpdir(), 'glase-verify-'));
  const store = openStore(dir);
  const client = await createGlaseClient(glaseClientOptions(o.config.glase, { endpoint: o.endpoint, log: silentLogger }));
  let current: StepCall[] = [];
  const glase = recording(client, () => current);
  const till: Till = createTill({
    store,
    glase: glase as GlaseApi,
    lock: false,
    config: { terminal: { ...o.config.terminal, externalTerminalId: `verify-${process.pid}`, name: 'glase-pos verify' }, payment: o.config.payment, dayClose: o.config.dayClose },
  });
  const report: VerifyReport = { server: o.endpoint, simulator: o.simulator, startedAt: new Date().toISOString(), steps: [], pass: false };
  const ctx: { paid?: string; paidAmount?: number } = {};

  async function step(name: string, body: () => Promise<string | undefined>, simulatorOnly = false): Promise<void> {
    const n = report.steps.length + 1;
    current = [];
    const started = Date.now();
    let pass = false;
    let detail: string;
    if (simulatorOnly && !o.simulator) {
      detail = 'skipped: needs the simulator (it delays the till\'s polls)';
      pass = true;
    } else {
      try {
        const why = await within(body(), o.stepTimeoutMs, name);
        pass = why === undefined;
        detail = why ?? 'as certification expects';
      } catch (e) {
        detail = (e as Error).message;
      }
    }
    const s = { n, name, pass, detail, calls: current, ms: Date.now() - started };
    report.steps.push(s);
    o.say(`${pass ? 'PASS' : 'FAIL'} ${n}. ${name}: ${detail}${s.calls.length ? `  [${s.calls.map((c) => `${c.op}=${c.code ?? c.fault ?? '?'}`).join(' ')}]` : ''}`);
  }

  const pay = async (amount: number, opts: { tryAgain?: boolean; delay?: boolean } = {}) => {
    const s = till.startPayment({ amount, cashierId: 'verify' });
    if (!s.ok) throw new Error(`the payment was refused: ${s.message}`);
    await until(() => till.payment(s.paymentId)?.state === 'live.window', 15_000, 'sendInvoice');
    const text = (amount / 100).toFixed(2);
    if (opts.tryAgain) {
      // the 30-s window runs out with nobody paying; the till asks, the cashier tries again
      await until(() => till.payment(s.paymentId)?.state === 'live.question', o.config.payment.windowMs + 15_000, 'the try-again question');
      if (!till.tryAgain()) throw new Error('try again was not possible');
    }
    if (opts.delay && o.customer.delayPolls) await o.customer.delayPolls(4_000, 2);
    await o.customer.pay(o.glaseId, text);
    const v = await till.waitForPayment(s.paymentId);
    return v;
  };

  try {
    await till.start();
    await step('registration and assignment (registerTerminal, assignSeqrId)', async () => {
      const r = await till.register(o.login, 'verify');
      if (!r.ok) return `registerTerminal: ${r.message}`;
      report.terminalId = r.terminalId;
      const a = await till.assignGlaseId(o.glaseId, 'verify');
      if (!a.ok) return `assignSeqrId: ${a.message}`;
      return answered(current, 'registerTerminal') ?? answered(current, 'assignSeqrId');
    });
    await step('payment (sendInvoice, getPaymentStatus → PAID)', async () => {
      const v = await pay(100);
      if (v.outcome !== 'completed') return `the payment ended ${v.outcome}: ${v.message}`;
      ctx.paid = v.ersReference;
      ctx.paidAmount = 100;
      return answered(current, 'sendInvoice');
    });
    await step('cancel (sendInvoice, getPaymentStatus, cancelInvoice)', async () => {
      const s = till.startPayment({ amount: 200, cashierId: 'verify' });
      if (!s.ok) return `the payment was refused: ${s.message}`;
      await until(() => till.payment(s.paymentId)?.state === 'live.window', 15_000, 'sendInvoice');
      till.cancel();
      const v = await till.waitForPayment(s.paymentId);
      if (v.outcome !== 'cancelled') return `the payment ended ${v.outcome}: ${v.message}`;
      return answered(current, 'cancelInvoice');
    });
    await step('try again after the 30-s window (same invoice, polling never stops)', async () => {
      const v = await pay(150, { tryAgain: true });
      if (v.outcome !== 'completed') return `the payment ended ${v.outcome}: ${v.message}`;
      if (current.filter((c) => c.op === 'sendInvoice').length !== 1) return 'a second invoice was sent';
      return undefined;
    });
    await step('submitPaymentReceipt after PAID', async () => {
      current = [];
      const v = await pay(120);
      if (v.outcome !== 'completed') return `the payment ended ${v.outcome}: ${v.message}`;
      return answered(current, 'submitPaymentReceipt');
    });
    await step('a partial and a full refund (refundPayment)', async () => {
      if (!ctx.paid) return 'no paid payment to refund (step 2 failed)';
      for (const amount of [40, 60]) {
        const r = till.startRefund({ ersReference: ctx.paid, amount, reason: 'verify' }, { by: 'verify' });
        if (!r.ok) return `refund ${amount} refused: ${r.message}`;
        const v = await till.waitForRefund(r.refundId);
        if (v.outcome !== 'completed') return `refund ${amount} ended ${v.outcome}: ${v.message}`;
      }
      return answered(current, 'refundPayment');
    });
    await step('the 98 guard: refunding more than was paid', async () => {
      if (!ctx.paid) return 'no paid payment (step 2 failed)';
      // the till refuses this itself; certification checks that Glase does too
      const creds = store.credentials.get()!;
      const total = { minor: 1, currency: o.config.terminal.currency };
      const r = await glase.refundPayment({ type: 'TERMINALID', terminalId: creds.terminalId, password: creds.terminalPassword }, ctx.paid, {
        paymentMode: 'IMMEDIATE_DEBIT', acknowledgmentMode: 'NO_ACKNOWLEDGMENT', issueDate: new Date().toISOString(), title: 'Refund',
        clientInvoiceId: `verify-98-${Date.now()}`, invoiceRows: [{ itemDescription: 'Refund', itemQuantity: '1', itemTotalAmount: total }], totalAmount: total, cashierId: 'verify',
      });
      return r.code === 98 ? undefined : `refundPayment answered ${r.code} ${resultName(r.code)}, expected 98 ${resultName(98)}`;
    });
    await step('markTransactionPeriod and executeReport (the day close)', async () => {
      const r = await till.closeDay(o.login, 'verify');
      if (!r.ok) return r.message;
      if (r.close.state !== 'closed') return r.close.message;
      if (r.z?.report.verdict !== 'matched') return `Glase's report and the till differ: ${r.z?.report.differences.map((d) => d.reason).join('; ')}`;
      return answered(current, 'markTransactionPeriod') ?? answered(current, 'executeReport');
    });
    await step('a payment polled late is not lost (no reversal)', async () => {
      const v = await pay(110, { delay: true });
      if (v.outcome !== 'completed') return `the payment ended ${v.outcome}: ${v.message}`;
      if (o.customer.reversed && (await o.customer.reversed(v.ersReference!))) return 'Glase reversed the payment';
      return undefined;
    }, true);
  } finally {
    // its own terminal never outlives the run
    current = [];
    if (store.credentials.get()) {
      const u = await till.unregister('verify').catch((e: Error) => ({ ok: false, message: e.message }));
      o.say(u.ok ? 'unregistered the verify terminal' : `could not unregister the verify terminal: ${u.message}`);
    }
    await till.stop();
    store.close();
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.pass = report.steps.length === 9 && report.steps.every((s) => s.pass);
  return report;
}
