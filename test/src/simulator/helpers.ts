// Raw SOAP envelopes and control-API calls against a running simulator, over real HTTP.
// Built by hand on purpose: the simulator's tests do not depend on our own client.
import { XMLParser } from 'fast-xml-parser';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator/index.js';

const NS = 'http://external.interfaces.ers.seamless.com/';
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, isArray: (n) => n === 'invoiceRow' || n === 'Row' });

export const RESELLER = { resellerId: 'shop1', userId: '9900', password: 'shop-secret' };

export function esc(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

export interface Principal {
  type: 'TERMINALID' | 'RESELLERUSER' | string;
  id: string;
  userId?: string;
  password: string;
}

export const reseller = (over: Partial<Principal> = {}): Principal => ({ type: 'RESELLERUSER', id: RESELLER.resellerId, userId: RESELLER.userId, password: RESELLER.password, ...over });
export const terminal = (id: string, password: string): Principal => ({ type: 'TERMINALID', id, password });

export function context(p: Principal): string {
  return (
    '<context><channel>WS</channel><clientId>glase-pos-test</clientId><clientRequestTimeout>0</clientRequestTimeout>' +
    `<initiatorPrincipalId><id>${esc(p.id)}</id><type>${p.type}</type>${p.userId ? `<userId>${esc(p.userId)}</userId>` : ''}</initiatorPrincipalId>` +
    `<password>${esc(p.password)}</password></context>`
  );
}

export function envelope(op: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ext="${NS}"><soapenv:Header/><soapenv:Body><ext:${op}>${inner}</ext:${op}></soapenv:Body></soapenv:Envelope>`;
}

export async function post(sim: Simulator, xml: string): Promise<{ status: number; text: string }> {
  const res = await fetch(sim.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' }, body: xml });
  return { status: res.status, text: await res.text() };
}

export type Ret = Record<string, any> & { resultCode: string; resultDescription: string };

/** Calls an operation and returns the parsed <return> (all values strings) plus the raw XML. */
export async function call(sim: Simulator, op: string, p: Principal | null, inner = ''): Promise<Ret & { raw: string }> {
  const { status, text } = await post(sim, envelope(op, (p ? context(p) : '') + inner));
  if (status !== 200) throw new Error(`HTTP ${status}: ${text}`);
  const doc = parser.parse(text);
  const ret = doc.Envelope.Body[`${op}Response`].return as Ret;
  return { ...ret, raw: text };
}

export const amount = (value: string, currency = 'SEK') => `<currency>${currency}</currency><value>${value}</value>`;

export function invoiceXml(o: { total: string; currency?: string; rows?: string[]; extra?: string; ack?: string | null; mode?: string } ): string {
  const cur = o.currency ?? 'SEK';
  const rows = (o.rows ?? []).map((r) => `<invoiceRow><itemDescription>item</itemDescription><itemQuantity>1</itemQuantity><itemTotalAmount>${amount(r, cur)}</itemTotalAmount></invoiceRow>`).join('');
  return (
    '<invoice>' +
    `<paymentMode>${o.mode ?? 'IMMEDIATE_DEBIT'}</paymentMode>` +
    (o.ack === null ? '' : `<acknowledgmentMode>${o.ack ?? 'NO_ACKNOWLEDGMENT'}</acknowledgmentMode>`) +
    '<title>Test</title><clientInvoiceId>ci-1</clientInvoiceId>' +
    (rows ? `<invoiceRows>${rows}</invoiceRows>` : '') +
    `<totalAmount>${amount(o.total, cur)}</totalAmount><cashierId>anna</cashierId>` +
    (o.extra ?? '') +
    '</invoice>'
  );
}

export async function ctl(sim: Simulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(sim.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** A simulator with a reseller, one registered terminal holding Glase ID `glaseId`. */
export async function setup(opts: SimulatorOptions = {}, glaseId = 'TILL1') {
  const sim = await startSimulator(opts);
  const r = await ctl(sim, 'POST', '/simulator/resellers', RESELLER);
  if (r.status !== 201) throw new Error(`reseller: ${r.status}`);
  const t = await registerTerminal(sim, 'term-pass-1');
  const a = await call(sim, 'assignSeqrId', t, `<seqrId>${glaseId}</seqrId>`);
  if (a.resultCode !== '0') throw new Error(`assignSeqrId: ${a.resultCode}`);
  return { sim, term: t, glaseId };
}

export async function registerTerminal(sim: Simulator, password: string): Promise<Principal> {
  const r = await call(sim, 'registerTerminal', reseller(), `<externalTerminalId>till</externalTerminalId><password>${password}</password><name>Till</name>`);
  if (r.resultCode !== '0') throw new Error(`registerTerminal: ${r.resultCode}`);
  return terminal(r.terminalId, password);
}

export async function send(sim: Simulator, t: Principal, inv = invoiceXml({ total: '10.00' })) {
  return call(sim, 'sendInvoice', t, inv);
}

export async function status(sim: Simulator, t: Principal, ref: string) {
  return call(sim, 'getPaymentStatus', t, `<invoiceReference>${ref}</invoiceReference><invoiceVersion>0</invoiceVersion>`);
}

/** sendInvoice + customer pays + getPaymentStatus (acknowledged): the payment's ersReference. */
export async function paid(sim: Simulator, t: Principal, glaseId: string, total = '10.00') {
  const s = await send(sim, t, invoiceXml({ total }));
  const p = await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId });
  if (p.status !== 200) throw new Error(`pay: ${p.status} ${JSON.stringify(p.json)}`);
  const st = await status(sim, t, s.invoiceReference);
  if (st.status !== 'PAID') throw new Error(`status ${st.status}`);
  return { ref: s.invoiceReference as string, ers: st.ersReference as string };
}
