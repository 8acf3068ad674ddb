// The till's typed Glase client: one async method per POS operation, over our own SOAP
// leg (request-xml.ts writes the envelope, http-transport.ts carries it, reply-xml.ts reads
// the answer). Business results come back as values; transport trouble throws
// GlaseTransportError that says whether the request may have been applied. Passwords never
// leave the envelope.
import { silentLogger, type Logger } from '../lib/log.js';
import { GlaseTransportError } from './errors.js';
import { GlaseHttpTransport } from './http-transport.js';
import { clientContext } from './context.js';
import { resultName } from './result-codes.js';
import { soapEnvelope } from './request-xml.js';
import { ReplyFormatError, readReply } from './reply-xml.js';
import type { Failure, GlaseApi, Principal } from './types.js';
import {
  WireShapeError, compact, fromWirePaymentStatus, fromWireReport, optText, requiredInt,
  toWireAmount, toWireInvoice, toWireParameters, toWireTokens,
} from './wire-map.js';

export interface GlaseClientOptions {
  endpoint: string;
  timeoutMs?: number;
  caFile?: string;
  log?: Logger;
  clientId?: string;
  channel?: string;
}

export interface GlaseClient extends GlaseApi {
  close(): Promise<void>;
}

type Obj = Record<string, unknown>;

export async function createGlaseClient(opts: GlaseClientOptions): Promise<GlaseClient> {
  const log = opts.log ?? silentLogger;
  const timeoutMs = opts.timeoutMs ?? 10000;
  const ctxOpts = { channel: opts.channel ?? 'ClientWS', clientId: opts.clientId ?? 'glase-pos' };
  const transport = new GlaseHttpTransport({ caFile: opts.caFile });

  /**
   * Sends one operation; resolves with the <return> object, or a Failure for a non-zero code.
   * `extraSecrets`: passwords in the arguments (registerTerminal's new terminal password).
   */
  async function call(op: string, p: Principal | undefined, args: Obj, extraSecrets: string[] = []): Promise<{ ok: true; r: Obj } | Failure> {
    const started = performance.now();
    const secret = [p?.password ?? '', ...extraSecrets];
    let r: Obj;
    let code: number;
    let ers: string | undefined;
    try {
      const res = await transport.post(opts.endpoint, soapEnvelope(op, args), op, timeoutMs);
      const reply = readReply(op, res.data);
      if (reply.kind === 'fault') {
        // Scrub before cutting: a cut through the password would leave a prefix scrub cannot see.
        throw new GlaseTransportError('soap-fault', op, 'unknown', scrub(`SOAP fault ${reply.code}: ${reply.text}`, secret).slice(0, 300));
      }
      if (!reply.value || typeof reply.value !== 'object') throw new WireShapeError('return', 'is missing');
      r = reply.value as Obj;
      code = requiredInt(r.resultCode, 'resultCode');
      if (code !== 0) ers = optText(r.ersReference, 'ersReference');
    } catch (e) {
      const err = classify(op, e, secret);
      log.debug('glase call', { op, principal: p?.type ?? 'none', fault: err.kind, outcome: err.outcome, ms: Math.round(performance.now() - started) });
      throw err;
    }
    log.debug('glase call', { op, principal: p?.type ?? 'none', code, ms: Math.round(performance.now() - started) });
    if (code !== 0) {
      const f: Failure = { ok: false, code, name: resultName(code) };
      if (ers) f.ersReference = ers;
      return f;
    }
    return { ok: true, r };
  }

  /** Runs a mapper over a successful return; a shape problem becomes a malformed fault. */
  function shape<T>(op: string, p: Principal | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const err = classify(op, e, p?.password);
      log.debug('glase response rejected', { op, fault: err.kind, error: err.message });
      throw err;
    }
  }

  const ctx = (p: Principal) => clientContext(p, ctxOpts);
  const ersOf = (r: Obj) => optText(r.ersReference, 'ersReference');
  const base = (r: Obj) => {
    const ers = ersOf(r);
    return ers ? { ok: true as const, code: 0 as const, ersReference: ers } : { ok: true as const, code: 0 as const };
  };
  /** For operations whose success carries nothing but the code. */
  const plain = async (op: string, p: Principal | undefined, args: Obj) => {
    const res = await call(op, p, args);
    return res.ok ? shape(op, p, () => base(res.r)) : res;
  };

  const client: GlaseClient = {
    async registerTerminal(p, a) {
      const op = 'registerTerminal';
      const res = await call(op, p, { context: ctx(p), externalTerminalId: a.externalTerminalId, password: a.password, name: a.name }, [a.password]);
      if (!res.ok) return res;
      return shape(op, p, () => {
        const terminalId = optText(res.r.terminalId, 'terminalId');
        if (!terminalId) throw new WireShapeError('terminalId', 'is required on success');
        return { ...base(res.r), terminalId };
      });
    },
    unregisterTerminal: (p) => plain('unregisterTerminal', p, { context: ctx(p) }),
    assignSeqrId: (p, seqrId) => plain('assignSeqrId', p, { context: ctx(p), seqrId }),
    async sendInvoice(p, invoice, tokens) {
      const op = 'sendInvoice';
      const res = await call(op, p, compact({ context: ctx(p), invoice: toWireInvoice(invoice), tokens: toWireTokens(tokens) }));
      if (!res.ok) return res;
      return shape(op, p, () => {
        const invoiceReference = optText(res.r.invoiceReference, 'invoiceReference');
        if (!invoiceReference) throw new WireShapeError('invoiceReference', 'is required on success');
        const qr = optText(res.r.invoiceQRCode, 'invoiceQRCode');
        return { ...base(res.r), invoiceReference, ...(qr ? { invoiceQRCode: qr } : {}) };
      });
    },
    updateInvoice: (p, invoiceReference, invoice, tokens) =>
      plain('updateInvoice', p, compact({ context: ctx(p), invoiceReference, invoice: toWireInvoice(invoice), tokens: toWireTokens(tokens) })),
    async getPaymentStatus(p, invoiceReference, invoiceVersion) {
      const op = 'getPaymentStatus';
      const res = await call(op, p, { context: ctx(p), invoiceReference, invoiceVersion });
      if (!res.ok) return res;
      return shape(op, p, () => ({ ok: true as const, code: 0 as const, ...fromWirePaymentStatus(res.r) }));
    },
    cancelInvoice: (p, invoiceReference) => plain('cancelInvoice', p, { context: ctx(p), invoiceReference }),
    async refundPayment(p, ersReference, invoice) {
      const op = 'refundPayment';
      const res = await call(op, p, { context: ctx(p), ersReference, invoice: toWireInvoice(invoice) });
      if (!res.ok) return res;
      return shape(op, p, () => {
        const ers = ersOf(res.r);
        if (!ers) throw new WireShapeError('ersReference', 'is required on a successful refund');
        return { ok: true as const, code: 0 as const, ersReference: ers };
      });
    },
    submitPaymentReceipt: (p, ersReference, doc) =>
      plain('submitPaymentReceipt', p, compact({
        context: ctx(p),
        ersReference,
        receiptDocument: doc && compact({ mimeType: doc.mimeType, receiptData: doc.receiptData, receiptType: doc.receiptType }),
      })),
    async markTransactionPeriod(p, parameters) {
      const op = 'markTransactionPeriod';
      const res = await call(op, p, compact({ context: ctx(p), parameters: toWireParameters(parameters) }));
      if (!res.ok) return res;
      return shape(op, p, () => {
        const id = optText(res.r.transactionPeriodId, 'transactionPeriodId');
        if (!id) throw new WireShapeError('transactionPeriodId', 'is required on success');
        return { ...base(res.r), transactionPeriodId: id };
      });
    },
    async executeReport(p, reportId, language, parameters) {
      const op = 'executeReport';
      const res = await call(op, p, compact({ context: ctx(p), reportId, language, parameters: toWireParameters(parameters) }));
      if (!res.ok) return res;
      return shape(op, p, () => {
        const report = fromWireReport(res.r.report);
        return { ...base(res.r), ...(report ? { report } : {}) };
      });
    },
    // amount (later revision) goes between context and invoiceReference, as that revision has it
    commitReservation: (p, invoiceReference, amount) =>
      plain('commitReservation', p, compact({ context: ctx(p), amount: amount && toWireAmount(amount), invoiceReference })),
    benchmarkingNop: () => plain('benchmarkingNop', undefined, {}),
    async close() {
      transport.close();
    },
  };
  return client;
}

/** Never let a password reach an error message, even if a server echoes it back. */
function scrub(s: string, secret: string | readonly string[] | undefined): string {
  for (const x of typeof secret === 'string' ? [secret] : secret ?? []) if (x.length > 0) s = s.split(x).join('***');
  return s;
}

/** Maps anything a call can fail with onto a GlaseTransportError. */
export function classify(op: string, e: unknown, secret?: string | readonly string[]): GlaseTransportError {
  if (e instanceof GlaseTransportError) {
    if (scrub(e.message, secret) === e.message) return e;
    return new GlaseTransportError(e.kind, op, e.outcome, scrub(e.message.slice(op.length + 2), secret), { status: e.status });
  }
  if (e instanceof WireShapeError) return new GlaseTransportError('malformed', op, 'unknown', scrub(e.message, secret));
  if (e instanceof ReplyFormatError) return new GlaseTransportError('malformed', op, 'unknown', scrub(e.message, secret).slice(0, 300));
  const msg = e instanceof Error ? e.message : String(e);
  return new GlaseTransportError('malformed', op, 'unknown', `cannot read the response: ${scrub(msg, secret).slice(0, 200)}`);
}
