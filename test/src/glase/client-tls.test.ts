// HTTPS: certificates are verified; an extra CA file makes a private server trusted; a
// failed handshake means the request certainly was not applied (nothing was sent).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createGlaseClient } from '../../../src/glase/client.js';
import { terminalPrincipal } from '../../../src/glase/context.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { envelope } from './_loopback.js';

const t = suite('glase client over https');
const P = terminalPrincipal('0123456789abcdef0123456789abcdef', 'pw-1234');
const dir = mkdtempSync(join(tmpdir(), 'glase-tls-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
let server: https.Server;
let port = 0;
let requests = 0;

t.before(async () => {
  // a self-signed certificate for 127.0.0.1 only, acting as its own CA
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  server = https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
    requests++;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(envelope('benchmarkingNop', '<resultCode>0</resultCode>')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
t.after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function fails(p: Promise<unknown>): Promise<GlaseTransportError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.instance(e, GlaseTransportError);
  return e as GlaseTransportError;
}

t('an untrusted certificate fails before sending: transport, not applied', async () => {
  const c = await createGlaseClient({ endpoint: `https://127.0.0.1:${port}/soap`, timeoutMs: 3000 });
  const e = await fails(c.getPaymentStatus(P, '1', 0));
  await c.close();
  assert.equal([e.kind, e.outcome], ['transport', 'not-applied']);
  assert.match(e.message, /SELF_SIGNED|certificate/i);
  assert.is(requests, 0);
});

t('with the CA file the same server is trusted', async () => {
  const c = await createGlaseClient({ endpoint: `https://127.0.0.1:${port}/soap`, caFile: cert, timeoutMs: 3000 });
  assert.equal(await c.benchmarkingNop(), { ok: true, code: 0 });
  assert.equal(await c.benchmarkingNop(), { ok: true, code: 0 });
  await c.close();
  assert.is(requests, 2);
});

t('a trusted certificate for another name is still refused', async () => {
  const c = await createGlaseClient({ endpoint: `https://localhost:${port}/soap`, caFile: cert, timeoutMs: 3000 });
  const e = await fails(c.benchmarkingNop());
  await c.close();
  assert.equal([e.kind, e.outcome], ['transport', 'not-applied']);
  assert.match(e.message, /ALTNAME|does not match|not in the cert/i);
  assert.is(requests, 2);
});

t.run();
