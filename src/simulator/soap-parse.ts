// Reads a SOAP 1.1 request: namespace prefixes dropped, children in any order (the real
// server is lenient, facts §1). Throws SoapParseError for anything that is not a SOAP call;
// the server answers that with a soap:Fault.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GlasePosError } from '../lib/errors.js';

export class SoapParseError extends GlasePosError {
  constructor(message: string, options?: ErrorOptions) {
    super('soap.parse', message, options);
  }
}

export interface SoapCall {
  operation: string;
  body: Record<string, unknown>;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false, // every value stays a string: amounts must not become floats
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'invoiceRow' || name === 'tokens' || name === 'entry' || name === 'token',
});

export function parseSoap(xml: string): SoapCall {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SoapParseError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    // the parser refuses element names such as "constructor" (prototype pollution guard)
    throw new SoapParseError(`cannot read the request: ${(e as Error).message}`);
  }
  const env = doc.Envelope as Record<string, unknown> | undefined;
  if (!env || typeof env !== 'object') throw new SoapParseError('no soap:Envelope');
  const body = env.Body;
  if (!body || typeof body !== 'object') throw new SoapParseError('no soap:Body');
  const names = Object.keys(body);
  if (names.length !== 1) throw new SoapParseError(`soap:Body must hold one operation element, found ${names.length}`);
  const operation = names[0];
  const content = (body as Record<string, unknown>)[operation];
  return { operation, body: content && typeof content === 'object' ? (content as Record<string, unknown>) : {} };
}

/** parameters/parameter/entry{key,value} → a plain map (facts §3.10). */
export function parameterMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const param = (v as { parameter?: { entry?: unknown } } | undefined)?.parameter;
  const entries = (param as { entry?: unknown } | undefined)?.entry;
  for (const e of Array.isArray(entries) ? entries : []) {
    const key = (e as { key?: unknown }).key;
    const value = (e as { value?: unknown }).value;
    if (typeof key === 'string' && key) out[key] = typeof value === 'string' ? value : '';
  }
  return out;
}
