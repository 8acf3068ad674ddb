import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { ctl, RESELLER } from './helpers.js';

// Debian's python3-zeep (not the pyenv python3 on PATH) loads a WSDL and drives the simulator.
const PY = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../interop/zeep_flow.py', import.meta.url));
const REFERENCE_WSDL = '/work/shared/reference/seqr-erswsexternal.wsdl';
const t = suite('simulator: interop with python3-zeep');
let sim: Simulator;

t.before(async () => {
  sim = await startSimulator({});
  await ctl(sim, 'POST', '/simulator/resellers', RESELLER);
});
t.after(async () => sim.close());

function zeep(cfg: object): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(PY, [SCRIPT, JSON.stringify(cfg)], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`zeep_flow.py failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout));
    });
  });
}

function check(out: any) {
  assert.is(out.register.resultCode, 0);
  assert.is(out.register.resultDescription, 'SUCCESS');
  assert.match(out.register.terminalId, /^[0-9a-f]{32}$/);
  assert.is(out.assign.resultCode, 0);
  assert.is(out.send.resultCode, 0);
  assert.is(out.send.invoiceQRCode, `HTTP://SEQR.SE/R${out.send.invoiceReference}`);
  assert.equal(out.pay, { http: 200, status: 'PAID' });
  assert.is(out.status.resultCode, 0);
  assert.is(out.status.status, 'PAID');
  assert.is(out.status.version, 1);
  assert.match(out.status.ersReference, /^\d{25}$/);
  assert.is(out.status.paymentReference, out.status.ersReference);
  assert.is(out.status.receiptTotal, '40.00');
  assert.is(out.refund.resultCode, 0);
  assert.match(out.refund.ersReference, /^\d{25}$/);
  assert.is.not(out.refund.ersReference, out.status.ersReference);
}

t('zeep with our WSDL served by the simulator (?wsdl)', async () => {
  const out = await zeep({ wsdl: sim.soapUrl + '?wsdl', control: sim.url, reseller: { id: RESELLER.resellerId, userId: RESELLER.userId, password: RESELLER.password }, glaseId: 'ZEEP1' });
  check(out);
});

t('zeep with the reference WSDL, address overridden', async () => {
  assert.ok(existsSync(REFERENCE_WSDL), 'reference WSDL present');
  const out = await zeep({
    wsdl: REFERENCE_WSDL,
    binding: '{http://external.interfaces.ers.seamless.com/}ERSWSExternalClientServiceServiceSoapBinding',
    address: sim.soapUrl,
    control: sim.url,
    reseller: { id: RESELLER.resellerId, userId: RESELLER.userId, password: RESELLER.password },
    glaseId: 'ZEEP2',
  });
  check(out);
});

t.run();
