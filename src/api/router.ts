// The route table: method, path pattern, who may call it, the body schema and a handler.
// The server dispatches from it and the OpenAPI document is generated from it, so the two
// cannot drift apart.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod/v4';

export type Access = 'public' | 'client' | 'admin';

export interface Ctx<B = unknown> {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  body: B;
  /** for the audit log: "admin@kiosk", "admin@token" … never a secret */
  actor: string;
  /** how the caller got in: bearer token, the kiosk cookie, or trusted loopback (no token set) */
  client?: import('./auth.js').Client;
}

/** A JSON reply; `raw` means the handler wrote the response itself (SSE, files). */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | { raw: true };

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  summary: string;
  body?: z.ZodType;
  /** documented answers besides 400/401 */
  responses: Record<number, string>;
  /** component schema of the success answer (src/api/view-schemas.ts) */
  returns?: import('./view-schemas.js').ViewName;
  /** content type of a 200 that is not JSON */
  produces?: string;
  handler(ctx: Ctx<any>): Promise<Reply> | Reply;
}

export const route = (r: Route): Route => r;

export function match(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | 'method' | undefined {
  let wrongMethod = false;
  for (const r of routes) {
    const params = matchPath(r.path, pathname);
    if (!params) continue;
    if (r.method === method || (method === 'HEAD' && r.method === 'GET')) return { route: r, params };
    wrongMethod = true;
  }
  return wrongMethod ? 'method' : undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const a = pattern.split('/');
  const b = path.split('/');
  if (pattern.endsWith('/*')) {
    if (b.length < a.length) return undefined;
  } else if (a.length !== b.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '*') {
      params['*'] = b.slice(i).join('/');
      return params;
    }
    if (a[i].startsWith(':')) {
      try {
        params[a[i].slice(1)] = decodeURIComponent(b[i]);
      } catch {
        return undefined;
      }
    } else if (a[i] !== b[i]) return undefined;
  }
  return params;
}
