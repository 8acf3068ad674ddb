import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, ctl, invoiceXml, paid, reseller, send, setup, status, terminal } from './helpers.js';
import type { Simulator } from '../../../src/simulator/index.js';

// Every kind of response the simulator writes must validate (xmllint --schema) against the
// schema embedded in the reference WSDL: element names, order, and required elements.
const t = suite('simulator: responses validate against the reference schema');
const dir = mkdtempSync(join(tmpdir(), 'glase-xsd-'));
const wsdl = readFileSync('/work/shared/reference/seqr-erswsexternal.wsdl', 'utf8');
const xsd = join(dir, 'seqr.xsd');
writeFileSync(xsd, wsdl.slice(wsdl.indexOf('<xs:schema'), wsdl.indexOf('</xs:schema>') + '</xs:schema>'.length));
let sim: Simulator;
let term: ReturnType<typeof terminal>;
const G = 'XSD1';

t.before(async () => {
  ({ sim, term } = await setup({ now: () => Date.parse('2026-02-02T12:00:00Z'), reportDelayMs: 0 }, G));
});
t.after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The body's child element as a document of its own, validated with xmllint. */
function problems(raw: string, name: string): string | null {
  const body = raw.slice(raw.indexOf('<soap:Body>') + 11, raw.indexOf('</soap:Body>'));
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, body);
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `${name} does not validate: ${(e as { stderr: Buffer }).stderr.toString()}\n${body}`;
  }
}

t('every POS response type, success and error, validates', async () => {
  const out: [string, string][] = [];
  const reg = await call(sim, 'registerTerminal', reseller(), '<password>abcd1234</password>');
  out.push(['registerTerminal', reg.raw]);
  out.push(['registerTerminal-37', (await call(sim, 'registerTerminal', reseller({ id: 'x' }), '')).raw]);
  out.push(['assignSeqrId', (await call(sim, 'assignSeqrId', term, `<seqrId>${G}</seqrId>`)).raw]);
  const s = await send(sim, term, invoiceXml({ total: '12.00', rows: ['15.00', '-3.00'], extra: '<footer>Thanks</footer>' }));
  out.push(['sendInvoice', s.raw]);
  out.push(['sendInvoice-49', (await send(sim, term, invoiceXml({ total: '1.00', rows: ['2.00'] }))).raw]);
  out.push(['getPaymentStatus-issued', (await status(sim, term, s.invoiceReference)).raw]);
  out.push(['getPaymentStatus-54', (await status(sim, term, '1')).raw]);
  out.push(['cancelInvoice', (await call(sim, 'cancelInvoice', term, `<invoiceReference>${s.invoiceReference}</invoiceReference>`)).raw]);
  const p = await paid(sim, term, G, '40.00');
  out.push(['getPaymentStatus-paid', (await status(sim, term, p.ref)).raw]);
  const rf = await call(sim, 'refundPayment', term, `<ersReference>${p.ers}</ersReference>${invoiceXml({ total: '5.00' })}`);
  out.push(['refundPayment', rf.raw]);
  out.push(['submitPaymentReceipt', (await call(sim, 'submitPaymentReceipt', term, `<ersReference>${p.ers}</ersReference>`)).raw]);
  const m = await call(sim, 'markTransactionPeriod', reseller());
  out.push(['markTransactionPeriod', m.raw]);
  const rep = await call(sim, 'executeReport', reseller(), `<reportId>Reconciliation/STD_RECON_003.xml</reportId><parameters><parameter><entry><key>transactionPeriodId</key><value>${m.transactionPeriodId}</value></entry></parameter></parameters>`);
  assert.is(rep.resultCode, '0');
  out.push(['executeReport', rep.raw]);
  out.push(['commitReservation-96', (await call(sim, 'commitReservation', term, `<invoiceReference>${p.ref}</invoiceReference>`)).raw]);
  out.push(['updateInvoice-54', (await call(sim, 'updateInvoice', term, `<invoiceReference>1</invoiceReference>`)).raw]);
  out.push(['requestTopup-91', (await call(sim, 'requestTopup', term)).raw]);
  out.push(['benchmarkingNop', (await call(sim, 'benchmarkingNop', null)).raw]);
  await ctl(sim, 'POST', '/simulator/faults', { operation: 'getPaymentStatus', resultCode: 90, times: 1 });
  out.push(['getPaymentStatus-fault', (await status(sim, term, p.ref)).raw]);
  out.push(['unregisterTerminal', (await call(sim, 'unregisterTerminal', terminal(reg.terminalId, 'abcd1234'))).raw]);
  for (const [name, raw] of out) assert.is(problems(raw, name), null);
});

t('a response with a missing required element would fail (the check has teeth)', () => {
  const raw = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:getPaymentStatusResponse xmlns:ns2="http://external.interfaces.ers.seamless.com/"><return><resultCode>0</resultCode></return></ns2:getPaymentStatusResponse></soap:Body></soap:Envelope>';
  assert.match(problems(raw, 'broken') ?? '', /Missing child element/);
});

t.run();
