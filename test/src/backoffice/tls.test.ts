// The back office over HTTPS (issue 14): a test CA and a server certificate for 127.0.0.1 made
// here with openssl; the till enrols and ships trusting that CA (--ca-file / backoffice.caFile),
// and refuses a certificate it cannot trust — none given, or another CA's — with an error that
// says so and what to do, instead of "fetch failed". Nothing is stored on a refusal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESELLER, newTill, runCli, startEnv, type Env } from '../commands/_cli.js';
import { openBackoffice, type Backoffice } from '../../../src/backoffice/open.js';
import { startBackofficeServer, type BackofficeServer } from '../../../src/backoffice/server.js';
import { setReseller } from '../../../src/backoffice/reseller.js';
import { createCode } from '../../../src/backoffice/enrolment.js';
import { listTills } from '../../../src/backoffice/tills.js';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { openStore } from '../../../src/store/store.js';
import { Shipper } from '../../../src/shipper/shipper.js';
import { backofficeFetch } from '../../../src/shipper/backoffice-fetch.js';

let env: Env;
let dir: string;
let bo: Backoffice;
let glase: GlaseClient;
let server: BackofficeServer;
const pem = (name: string) => join(dir, name);

/** a CA, and a server certificate it signed for 127.0.0.1 (EC keys: quick to make) */
function makeCa(name: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', pem(`${name}.key`), '-out', pem(`${name}.pem`), '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'pipe' });
}

test.before(async () => {
  env = await startEnv();
  dir = mkdtempSync(join(tmpdir(), 'glase-bo-tls-'));
  makeCa('shop-ca');
  makeCa('other-ca');
  writeFileSync(pem('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  execFileSync('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', pem('server.key'), '-out', pem('server.csr'), '-subj', '/CN=127.0.0.1'], { stdio: 'pipe' });
  execFileSync('openssl', ['x509', '-req', '-in', pem('server.csr'), '-CA', pem('shop-ca.pem'), '-CAkey', pem('shop-ca.key'), '-CAcreateserial', '-out', pem('server.pem'), '-days', '2', '-extfile', pem('ext.cnf')], { stdio: 'pipe' });
  bo = await openBackoffice({ dataDir: join(dir, 'bo') });
  await setReseller(bo.db, bo.box, RESELLER);
  glase = await createGlaseClient({ endpoint: env.sim.soapUrl });
  server = await startBackofficeServer({ bo, glase, tls: { certFile: pem('server.pem'), keyFile: pem('server.key') } });
});

test.after(async () => {
  await server?.close();
  await glase?.close();
  await bo?.close();
  await env?.sim.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(env.dir, { recursive: true, force: true });
});

test('the back office answers on https:// only', async () => {
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const r = await backofficeFetch(pem('shop-ca.pem'))(`${server.url}/login`);
  assert.is(r.status, 200);
  assert.match(await r.text(), /<form/);
});

test('a till refuses a certificate it cannot trust, saying so; nothing is stored on either side', async () => {
  const { code } = await createCode(bo.db, 'owner', 'tls till');
  for (const ca of [undefined, 'other-ca.pem']) {
    const t = newTill(env.sim);
    const r = await runCli(['enroll', server.url, code, ...(ca ? ['--ca-file', pem(ca)] : [])], t.env);
    assert.is(r.code, 1, r.stdout);
    assert.match(r.stderr, /the back office's TLS certificate is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\); give the till the CA that signed it \(backoffice\.caFile\)/);
    const store = openStore(t.dir + '/data');
    try {
      assert.is(store.credentials.get(), undefined);
      assert.is(store.backoffice.get(), undefined);
    } finally {
      store.close();
    }
    rmSync(t.dir, { recursive: true, force: true });
  }
  assert.equal(await listTills(bo.db), [], 'the code was never presented: no till, no terminal at Glase');
  const bad = await runCli(['enroll', server.url, code, '--ca-file', pem('ext.cnf')], env.env);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--ca-file: .*must hold a PEM certificate/);
});

test('with the shop CA the till enrols and ships over TLS; a wrong CA stops the shipper with the reason', async () => {
  const { code } = await createCode(bo.db, 'owner', 'tls till');
  const r = await runCli(['enroll', server.url, code, '--name', 'TLS till', '--ca-file', pem('shop-ca.pem')], env.env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /enrolled with https:\/\/127\.0\.0\.1:\d+/);
  const store = openStore(env.env.GLASE_POS__DATA_DIR!);
  try {
    const ers = '2025031110000000000000077';
    store.transaction(() => store.posts.insert('tls-p1', { ersReference: ers, amount: 7700, currency: 'SEK', description: 'Glase payment', timestamp: '2025-03-11T10:00:00.000Z', clientInvoiceId: 't1', invoiceReference: '77' }));
    const wrong = await new Shipper({ store, fetch: backofficeFetch(pem('other-ca.pem')), random: () => 0 }).shipOnce();
    assert.is(wrong.kind, 'retry');
    assert.match((wrong as { why: string }).why, /TLS certificate is not trusted/);
    assert.is(store.outbox.backlog().pending, 1, 'kept for the next try');
    const right = await new Shipper({ store, fetch: backofficeFetch(pem('shop-ca.pem')) }).shipOnce();
    assert.equal(right, { kind: 'shipped', acked: 1, parked: 0 });
    assert.is(store.outbox.backlog().pending, 0);
  } finally {
    store.close();
  }
  const rows = await bo.db.query<{ post_key: string; amount_ore: number }>('SELECT post_key, amount_ore FROM post');
  assert.equal(rows.rows, [{ post_key: 'pay:2025031110000000000000077', amount_ore: 7700 }]);
});

test.run();
