// The client's HTTP leg on its own, against a real loopback server: sockets are reused,
// the idle-socket timer never cuts a slow answer, the per-call deadline holds, and a reply
// past the size cap is cut off.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GlaseHttpTransport, MAX_REPLY_BYTES, type TransportResponse } from '../../../src/glase/http-transport.js';
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

async function failure(p: Promise<unknown>): Promise<GlaseTransportError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.instance(e, GlaseTransportError, 'the call fails with a GlaseTransportError');
  return e as GlaseTransportError;
}

/** A hostile server: streams `total` bytes of XML-ish filler, as fast as the reader takes them. */
function streamHuge(total: number, opts: { contentLength?: boolean } = {}) {
  let closed!: () => void;
  const seen = { written: 0, socketClosed: new Promise<void>((r) => (closed = r)) };
  lb.handle((_s, res, req) => {
    req.socket.once('close', closed);
    res.writeHead(200, { 'Content-Type': 'text/xml', ...(opts.contentLength ? { 'Content-Length': String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, '<a>x</a>');
    const pump = () => {
      while (seen.written < total && !res.destroyed) {
        seen.written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
  return seen;
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

t('a null body is a GET (e.g. to fetch a WSDL by URL)', async () => {
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

t('a hostile 256 MB reply: the call fails unknown past the 1 MiB cap and memory stays bounded', async () => {
  const TOTAL = 256 * 1024 * 1024;
  const seen = streamHuge(TOTAL);
  const tr = new GlaseHttpTransport();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const e = await failure(post(tr, '<a/>', 20_000));
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  tr.close();
  assert.equal([e.kind, e.code, e.outcome], ['reply-too-large', 'glase.reply-too-large', 'unknown']);
  assert.match(e.message, new RegExp(`larger than ${MAX_REPLY_BYTES} bytes`));
  const grownMb = (peak - before) / 2 ** 20;
  assert.ok(grownMb < 64, `RSS grew ${grownMb.toFixed(0)} MB`);
  assert.ok(seen.written < TOTAL / 4, `the server got to write ${seen.written} bytes: the socket is cut, not drained`);
  await seen.socketClosed; // the server sees its socket closed
});

t('a declared Content-Length past the cap fails before a byte of the body is read', async () => {
  const seen = streamHuge(10 * 1024 * 1024 * 1024, { contentLength: true });
  const tr = new GlaseHttpTransport();
  const e = await failure(post(tr, '<a/>', 5000));
  tr.close();
  assert.equal([e.kind, e.outcome], ['reply-too-large', 'unknown']);
  assert.ok(seen.written < 64 * 1024 * 1024, `server wrote ${seen.written}`);
});

t('the cap is exact and configurable; after a cut the next call works on a fresh socket', async () => {
  const ports: number[] = [];
  let size = 0;
  lb.handle((_s, res, req) => {
    ports.push(req.socket.remotePort!);
    res.end('x'.repeat(size));
  });
  const tr = new GlaseHttpTransport({ maxReplyBytes: 1000 });
  size = 1000;
  assert.is((await post(tr, '<a/>', 2000)).data.length, 1000);
  size = 1001;
  assert.is((await failure(post(tr, '<a/>', 2000))).kind, 'reply-too-large');
  size = 10;
  assert.is((await post(tr, '<a/>', 2000)).data, 'x'.repeat(10));
  tr.close();
  assert.is(ports[0], ports[1], 'kept alive until the cut');
  assert.is.not(ports[2], ports[1], 'the cut socket is never reused');
});

t.run();
