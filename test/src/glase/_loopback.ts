// A real HTTP server on 127.0.0.1 for client tests: each request goes to the handler the
// test installs; requests are recorded so tests can inspect and schema-validate them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const NS = 'http://external.interfaces.ers.seamless.com/';

export interface Seen {
  op: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export type Handler = (seen: Seen, res: http.ServerResponse, req: http.IncomingMessage) => void;

export interface Loopback {
  url: string;
  seen: Seen[];
  handle(h: Handler): void;
  close(): Promise<void>;
}

/** The operation is the local name of the Body's first element. */
export function opOf(body: string): string {
  const m = /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?([\w]+)/.exec(body);
  return m ? m[1] : '';
}

export async function startLoopback(): Promise<Loopback> {
  let handler: Handler = (_s, res) => {
    // a test that forgot to install a handler must notice
    res.writeHead(599).end('no handler installed');
  };
  const seen: Seen[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const s = { op: opOf(body), body, headers: req.headers };
      seen.push(s);
      handler(s, res, req);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/soap/merchant/cashregister-2`,
    seen,
    handle: (h) => (handler = h),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A CXF-style response envelope: ns2-prefixed wrapper, unqualified <return>. */
export function envelope(op: string, returnXml: string): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<ns2:${op}Response xmlns:ns2="${NS}"><return>${returnXml}</return></ns2:${op}Response>` +
    '</soap:Body></soap:Envelope>'
  );
}

export function ok(res: http.ServerResponse, xml: string): void {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(xml);
}

export function soapFault(code: string, text: string): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
    `<faultcode>${code}</faultcode><faultstring>${text}</faultstring>` +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}
