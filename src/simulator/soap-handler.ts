// One SOAP request → one response: parse, inject faults, authenticate, run the operation,
// write the response, log one line (operation, principal, result code, ms; never a password).
import type { Logger } from '../lib/log.js';
import { authenticate, callerOf } from './auth.js';
import type { Engine } from './engine.js';
import type { Faults } from './faults.js';
import { OPERATIONS } from './operations.js';
import { SoapParseError, parseSoap } from './soap-parse.js';
import { fault, response } from './soap-write.js';
import type { OpResult } from './op-types.js';

export type SoapOutcome = { status: number; xml: string } | { drop: true };

export async function handleSoap(e: Engine, faults: Faults, log: Logger, xml: string): Promise<SoapOutcome> {
  const started = performance.now();
  let call;
  try {
    call = parseSoap(xml);
  } catch (err) {
    if (!(err instanceof SoapParseError)) throw err;
    log.warn('soap fault', { error: err.message });
    return { status: 500, xml: fault('soap:Client', err.message) };
  }
  const { operation, body } = call;
  const caller = callerOf(body);
  const f = faults.take(operation);
  if (f?.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
  if (f?.drop) {
    log.info('soap call dropped', { operation, principal: `${caller.type ?? '-'}:${caller.id ?? '-'}` });
    return { drop: true };
  }
  const op = OPERATIONS[operation];
  let result: OpResult;
  if (f?.resultCode !== undefined) result = { code: f.resultCode, why: 'injected fault', extra: op?.onError };
  else if (!op) result = { code: 91, why: 'operation not supported by a POS simulator' };
  else if (op.need === 'NONE') result = op.run(e, body);
  else {
    const who = authenticate(e.store, caller, op.need, operation);
    if (!who.ok) result = { code: who.code, why: 'authentication', extra: op.onError };
    else if (who.type === 'TERMINALID' && op.need === 'TERMINALID') result = op.run(e, body, who);
    else if (who.type === 'RESELLERUSER' && op.need === 'RESELLERUSER') result = op.run(e, body, who);
    else result = { code: 91 };
  }
  if (result.code !== 0 && op?.onError && !result.extra) result.extra = op.onError;
  log.info('soap', {
    operation,
    principal: `${caller.type ?? '-'}:${caller.id ?? '-'}${caller.userId ? '/' + caller.userId : ''}`,
    resultCode: result.code,
    ...(result.why ? { why: result.why } : {}),
    ms: Math.round((performance.now() - started) * 100) / 100,
  });
  return { status: 200, xml: response(operation, result.code, result.extra, result.ersReference) };
}
