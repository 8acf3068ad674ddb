// The client's HTTP leg on its own, against a real loopback server: sockets are reused,
// the idle-socket timer never cuts a slow answer, and the per-call deadline holds.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GlaseHttpTransport, type TransportResponse } from '../../../src/glase/http-transport.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { startLoopback, type Loopback } from './_loopback.js';

const t = suite('glase http transport');
let lb: Loopback;
t.before(async () => {
  lb = await startLoopback();
});
t.after(() => lb.close());

function post(tr: GlaseHttpTransport, body: string | null, timeoutMs: number): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    tr.request(lb.url, body, (err, res) => (err ? reject(err) : resolve(res!)), { SOAPAction: '""' }, { glaseOperation: 'op', glaseTimeoutMs: timeoutMs });
  });
}

t('consecutive calls reuse one kept-alive socket', async () => {
  const ports: number[] = [];
  lb.handle((_s, res, req) => {
    ports.push(req.socket.remotePort!);
    res.end('<x/>');
  });
  const tr = new GlaseHttpTransport();
  for (let i = 0; i < 5; i++) assert.is((await post(tr, '<a/>', 1000)).data, '<x/>');
  tr.close();
  assert.is(new Set(ports).size, 1, `ports ${ports.join(',')}`);
});

t('an answer slower than the idle-socket timeout still arrives within the call deadline', async () => {
  lb.handle((_s, res) => setTimeout(() => res.end('<late/>'), 300));
  const tr = new GlaseHttpTransport({ idleSocketMs: 100 });
  assert.is((await post(tr, '<a/>', 2000)).data, '<late/>');
  tr.close();
});

t('the deadline covers the whole call, not just socket inactivity', async () => {
  // the server keeps trickling bytes, so the socket never goes idle
  lb.handle((_s, res) => {
    res.writeHead(200);
    const iv = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(iv));
  });
  const tr = new GlaseHttpTransport();
  const started = Date.now();
  const e = await post(tr, '<a/>', 400).then(() => undefined, (x: unknown) => x);
  tr.close();
  assert.instance(e, GlaseTransportError);
  assert.equal([(e as GlaseTransportError).kind, (e as GlaseTransportError).outcome], ['timeout', 'unknown']);
  assert.ok(Date.now() - started < 1500);
});

t('a null body is a GET (how the soap package fetches a WSDL by URL)', async () => {
  let method = '';
  lb.handle((_s, res, req) => {
    method = req.method ?? '';
    res.end('<definitions/>');
  });
  const tr = new GlaseHttpTransport();
  assert.is((await post(tr, null, 1000)).data, '<definitions/>');
  tr.close();
  assert.is(method, 'GET');
});

t.run();
