// How the till talks to its back office over HTTPS (issue 14): with the system's CAs, or, when
// the back office's certificate is signed by the shop's own CA, with that CA file
// (backoffice.caFile). Node's fetch takes no CA per call, so with a CA file the request goes
// through node:https and comes back as a standard Response. A certificate the till cannot
// trust is named as such, with what to do, instead of "fetch failed".
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type FetchLike = typeof fetch;

/** fetch for the back office: global fetch, or one that trusts the CA in caFile (PEM) */
export function backofficeFetch(caFile?: string): FetchLike {
  if (!caFile) return fetch;
  let ca: Buffer;
  try {
    ca = readFileSync(caFile);
  } catch (e) {
    throw new Error(`backoffice.caFile: cannot read ${caFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`backoffice.caFile: ${caFile} must hold a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers, ...(url.protocol === 'https:' ? { ca } : {}), signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: h }));
        });
      });
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  }) as FetchLike;
}

const UNTRUSTED = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED']);

/** Why the back office could not be reached, in words a person can act on. */
export function reachProblem(e: unknown): string {
  const err = e as Error & { code?: string; cause?: Error & { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (code && UNTRUSTED.has(code)) return `the back office's TLS certificate is not trusted (${code}); give the till the CA that signed it (backoffice.caFile)`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the back office's TLS certificate is for another host name (${code}); use the name in its certificate`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `the back office's TLS certificate is not valid now (${code})`;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'the back office did not answer in time';
  return code ? `${err.cause?.message ?? err.message} (${code})` : (err.cause?.message ?? err.message);
}
