// A hand-written GlaseApi for unit tests: every call is recorded, answered only by a
// handler the test set up, and any other call fails loudly (and is listed in `unexpected`).
import type { GlaseApi, PaymentStatus, Result } from '../../src/glase/types.js';
import { GlaseTransportError } from '../../src/glase/errors.js';

type Op = keyof GlaseApi;
type Handler = (...args: any[]) => unknown;

export class FakeGlase implements GlaseApi {
  readonly calls: Array<{ op: Op; args: unknown[] }> = [];
  readonly unexpected: string[] = [];
  private readonly sticky = new Map<Op, Handler>();
  private readonly queued = new Map<Op, Handler[]>();

  /** answers every call of op (after any queued one-shot answers) */
  on(op: Op, h: Handler): this {
    this.sticky.set(op, h);
    return this;
  }
  /** answers the next call of op only */
  once(op: Op, h: Handler): this {
    this.queued.set(op, [...(this.queued.get(op) ?? []), h]);
    return this;
  }
  count(op: Op): number {
    return this.calls.filter((c) => c.op === op).length;
  }
  callsOf(op: Op): unknown[][] {
    return this.calls.filter((c) => c.op === op).map((c) => c.args);
  }

  private async call(op: Op, args: unknown[]): Promise<any> {
    this.calls.push({ op, args });
    const q = this.queued.get(op);
    const h = q && q.length > 0 ? q.shift()! : this.sticky.get(op);
    if (!h) {
      this.unexpected.push(op);
      throw new Error(`FakeGlase: ${op} was called but the test did not set it up`);
    }
    return h(...args);
  }

  registerTerminal = (...a: Parameters<GlaseApi['registerTerminal']>) => this.call('registerTerminal', a);
  unregisterTerminal = (...a: Parameters<GlaseApi['unregisterTerminal']>) => this.call('unregisterTerminal', a);
  assignSeqrId = (...a: Parameters<GlaseApi['assignSeqrId']>) => this.call('assignSeqrId', a);
  sendInvoice = (...a: Parameters<GlaseApi['sendInvoice']>) => this.call('sendInvoice', a);
  updateInvoice = (...a: Parameters<GlaseApi['updateInvoice']>) => this.call('updateInvoice', a);
  getPaymentStatus = (...a: Parameters<GlaseApi['getPaymentStatus']>) => this.call('getPaymentStatus', a);
  cancelInvoice = (...a: Parameters<GlaseApi['cancelInvoice']>) => this.call('cancelInvoice', a);
  refundPayment = (...a: Parameters<GlaseApi['refundPayment']>) => this.call('refundPayment', a);
  submitPaymentReceipt = (...a: Parameters<GlaseApi['submitPaymentReceipt']>) => this.call('submitPaymentReceipt', a);
  markTransactionPeriod = (...a: Parameters<GlaseApi['markTransactionPeriod']>) => this.call('markTransactionPeriod', a);
  executeReport = (...a: Parameters<GlaseApi['executeReport']>) => this.call('executeReport', a);
  commitReservation = (...a: Parameters<GlaseApi['commitReservation']>) => this.call('commitReservation', a);
  benchmarkingNop = () => this.call('benchmarkingNop', []);
}

export const ok = <T extends object>(extra: T = {} as T) => ({ ok: true as const, code: 0 as const, ...extra });
export const fail = (code: number, name = `CODE_${code}`) => ({ ok: false as const, code, name });
export const lost = (op: string) => new GlaseTransportError('timeout', op, 'unknown', 'no reply within 10000 ms');
export const refused = (op: string) => new GlaseTransportError('transport', op, 'not-applied', 'connect ECONNREFUSED 127.0.0.1:1');

/**
 * A tiny model of one invoice at the server, for scripting getPaymentStatus:
 * set `status`, and PAID answers carry an ersReference. Each status change bumps the version.
 */
export class InvoiceModel {
  status: PaymentStatus['status'] = 'ISSUED';
  version = 0;
  rawStatus?: string;
  readonly ersReference = '2026112915300000000000001';
  set(status: PaymentStatus['status'], raw?: string): void {
    this.status = status;
    this.rawStatus = raw;
    this.version++;
  }
  answer(): Result<PaymentStatus> {
    return ok({
      status: this.status,
      version: this.version,
      ...(this.rawStatus ? { rawStatus: this.rawStatus } : {}),
      ...(this.status === 'PAID' ? { ersReference: this.ersReference } : {}),
    });
  }
}
