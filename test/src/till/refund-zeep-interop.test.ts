// Interop: the till refunds 4.00 of a 12.50 payment on the simulator, and python3-zeep (Debian's,
// loaded with the reference WSDL, a client nobody here wrote) closes the terminal's period and
// reads STD_RECON_007: it sees the payment and the refund, under the till's own references.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { parseReport } from '../../../src/reconcile/report-xml.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { createTill, type Till } from '../../../src/till/index.js';
import { tempDir } from '../../fakes/till-harness.js';
import { simControl, closeSimTill, payAtSimulator } from '../../fakes/sim-till.js';

const PY = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../interop/zeep_report.py', import.meta.url));
const REFERENCE_WSDL = '/work/shared/reference/seqr-erswsexternal.wsdl';
const LOGIN = { resellerId: 'zeep-shop', userId: '9900', password: 'reseller-pw' };
const t = suite('refund interop: python3-zeep reads the refund in the simulator\'s report');
let sim: Simulator;
let client: GlaseClient;
let store: Store;
let till: Till;
let dir: string;

const control = (method: string, path: string, body?: unknown) => simControl(sim, method, path, body);

function zeep(cfg: object): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(PY, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`zeep_report.py failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout));
    });
  });
}

t.before(async () => {
  sim = await startSimulator({ port: 0, reportDelayMs: 300 });
  await control('POST', '/simulator/resellers', LOGIN);
  client = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 5_000 });
  dir = tempDir();
  store = openStore(dir);
  till = createTill({ store, glase: client, config: { payment: { pollIntervalMs: 200 } } });
  await till.start();
});
t.after(() => closeSimTill({ till, store, client, sim, dir }));

t('the till pays and refunds; zeep with the reference WSDL sees both rows in STD_RECON_007', async () => {
  assert.ok(existsSync(REFERENCE_WSDL), 'reference WSDL present');
  assert.ok((await till.register(LOGIN)).ok);
  assert.ok((await till.assignGlaseId('ZEEPREFUND')).ok);
  const paid = await payAtSimulator(till, sim, 'ZEEPREFUND', 1250);
  const r = till.startRefund({ ersReference: paid.ersReference!, amount: 400, reason: 'interop', cashierId: 'anna' }, { by: 'test' });
  if (!r.ok) throw new Error(r.message);
  const refund = await till.waitForRefund(r.refundId);
  assert.is(refund.outcome, 'completed');

  const out = await zeep({
    wsdl: REFERENCE_WSDL,
    binding: '{http://external.interfaces.ers.seamless.com/}ERSWSExternalClientServiceServiceSoapBinding',
    address: sim.soapUrl,
    reseller: { id: LOGIN.resellerId, userId: LOGIN.userId, password: LOGIN.password },
    terminalId: till.setup().terminalId,
    reportId: 'Reconciliation/STD_RECON_007.xml',
  });
  assert.is(out.mark.resultCode, 0);
  assert.match(out.mark.transactionPeriodId, /^\d{25}$/);
  assert.is(out.report.resultCode, 0);
  assert.ok(out.report.tries >= 1);
  assert.is(out.report.title, `STD_RECON_007_${out.mark.transactionPeriodId}.xml`);
  assert.is(out.report.content, out.report.contentString, 'base64 content decodes to contentString');
  // the till's own report reader agrees with what zeep received
  const report = parseReport(out.report.contentString, 'SEK');
  assert.is(report.meta.terminalId, till.setup().terminalId);
  assert.equal(
    report.details.map((d) => [d.amount, d.ersReference, d.cashierId]),
    [[1250, paid.ersReference, 'anna'], [-400, refund.refundErsReference, 'anna']],
  );
  assert.match(out.report.contentString, new RegExp(`<SalesAmount>-4\\.00000</SalesAmount><ErsReference>${refund.refundErsReference}</ErsReference>`));
});

t.run();
