// The HTTP leg of a Glase call: POSTs one SOAP 1.1 envelope and reads the reply. We own it
// so that (1) sockets are kept alive and reused, (2) every call has a hard deadline, (3) a
// reply has a size cap, and (4) each failure is classified by whether the request can have
// reached the server.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { GlaseTransportError } from './errors.js';

/**
 * The largest reply read (the biggest real one, a report, is a few KB; the WSDL 28 KB).
 * Without a cap a hostile or broken server fills the till's memory: 100 MB of reply cost
 * ~300 MB RSS, 600 MB crashed the process.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

export interface TransportOptions {
  caFile?: string;
  /** MAX_REPLY_BYTES by default */
  maxReplyBytes?: number;
  /** sockets idle longer than this are closed before the server's own idle timeout can race us */
  idleSocketMs?: number;
}

/** What the client passes per call. */
export interface CallOptions {
  glaseOperation: string;
  glaseTimeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  data: string;
}

type Callback = (err: unknown, res?: TransportResponse, body?: string) => void;

export class GlaseHttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly maxReplyBytes: number;

  constructor(opts: TransportOptions = {}) {
    this.maxReplyBytes = opts.maxReplyBytes ?? MAX_REPLY_BYTES;
    const idle = opts.idleSocketMs ?? 4000;
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: idle });
    // Certificate verification stays on; an extra CA is added to the system roots, not in place of them.
    const ca = opts.caFile ? [...tls.rootCertificates, readFileSync(opts.caFile, 'utf8')] : undefined;
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, timeout: idle, rejectUnauthorized: true, ca });
  }

  /** Closes the kept-alive sockets (the client's close()). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** POSTs one envelope; resolves with a 2xx reply or any reply that holds a SOAP fault. */
  post(url: string, xml: string, operation: string, timeoutMs: number): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      this.request(url, xml, (err, res) => (err ? reject(err) : resolve(res!)), { SOAPAction: '""' }, { glaseOperation: operation, glaseTimeoutMs: timeoutMs });
    });
  }

  /** request(url, body, callback, headers, options); a null body is a GET. */
  request(rurl: string, data: string | null, callback: Callback, exheaders?: Record<string, string>, exoptions?: Partial<CallOptions>): void {
    const op = exoptions?.glaseOperation ?? 'unknown';
    const timeoutMs = exoptions?.glaseTimeoutMs ?? 10000;
    let url: URL;
    try {
      url = new URL(rurl);
    } catch {
      callback(new GlaseTransportError('transport', op, 'not-applied', 'endpoint is not a valid URL'));
      return;
    }
    const secure = url.protocol === 'https:';
    // null: a GET (nothing of ours sends one today; kept so the transport can fetch, e.g. a WSDL)
    const body = data === null ? null : Buffer.from(data, 'utf8');
    const headers: http.OutgoingHttpHeaders = body
      ? { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: exheaders?.SOAPAction ?? '""', 'Content-Length': body.length }
      : {};
    let done = false;
    // true once a connection (and TLS handshake) exists: from then on bytes may reach the server
    let connected = false;
    const finish = (err: unknown, res?: TransportResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) callback(err);
      else callback(null, res, res!.data);
    };
    const req = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || (secure ? 443 : 80),
        path: url.pathname + url.search,
        method: body ? 'POST' : 'GET',
        headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
      },
      (res) => {
        res.on('error', (e) => finish(fault(op, e, true)));
        res.on('aborted', () => finish(new GlaseTransportError('transport', op, 'unknown', 'connection closed while reading the response')));
        const chunks: Buffer[] = [];
        let size = 0;
        // Past the cap the socket is destroyed (never reused, nothing more read). The request
        // was delivered, so whether the server applied it is unknown.
        const tooLarge = () => {
          finish(new GlaseTransportError('reply-too-large', op, 'unknown', `the reply is larger than ${this.maxReplyBytes} bytes; connection closed`));
          req.destroy();
        };
        if (Number(res.headers['content-length']) > this.maxReplyBytes) return tooLarge();
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > this.maxReplyBytes) tooLarge();
          else chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          // A SOAP fault may come with any status; let the parser report it as a fault.
          if ((status < 200 || status >= 300) && !/<(?:[\w-]+:)?Fault[\s>]/.test(text)) {
            finish(new GlaseTransportError('http', op, 'unknown', `HTTP ${status} ${res.statusMessage ?? ''}`.trim(), { status }));
            return;
          }
          finish(null, { status, headers: res.headers, data: text });
        });
      },
    );
    const timer = setTimeout(() => {
      const err = new GlaseTransportError('timeout', op, connected ? 'unknown' : 'not-applied', `no response within ${timeoutMs} ms`);
      finish(err);
      req.destroy();
    }, timeoutMs);
    req.on('socket', (s: Socket) => {
      const ready = secure ? 'secureConnect' : 'connect';
      // a reused keep-alive socket is already connected
      if (!s.connecting) connected = true;
      else s.once(ready, () => (connected = true));
    });
    req.on('error', (e) => finish(fault(op, e, connected)));
    if (body) req.end(body);
    else req.end();
  }
}

// Errors that happen before any connection existed (refused, DNS, TLS verification) cannot
// have delivered the request.
const BEFORE_SEND = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function fault(op: string, e: unknown, connected: boolean): GlaseTransportError {
  if (e instanceof GlaseTransportError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? 'ERROR';
  const certain = !connected || BEFORE_SEND.has(code);
  return new GlaseTransportError('transport', op, certain ? 'not-applied' : 'unknown', `${code}: ${err.message}`, { cause: e });
}
