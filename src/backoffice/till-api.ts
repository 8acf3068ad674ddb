// The tills' side of the back office, JSON over HTTP(S): enrol with a one-time code, ship
// batches of posts with the till token, say it unregistered itself, read its own state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GlaseApi } from '../glase/types.js';
import type { Backoffice } from './open.js';
import { enrol, enrolProblem, type EnrolRequest } from './enrolment.js';
import { ingestBatch, MAX_BATCH, type FaultHook, type IncomingPost } from './ingest.js';
import { markUnregistered, tillByToken } from './tills.js';
import { bearer, BackOfficeHttpError, jsonBody, sendJson } from './http.js';
import type { Logger } from '../lib/log.js';

export interface TillApiDeps {
  bo: Backoffice;
  glase: Pick<GlaseApi, 'registerTerminal' | 'unregisterTerminal'>;
  log: Logger;
  fault?: FaultHook;
}

export async function tillApi(d: TillApiDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const { db } = d.bo;
  if (path === '/api/enrol' && req.method === 'POST') {
    const body = await jsonBody(req, 16 * 1024);
    const bad = enrolProblem(body as Partial<EnrolRequest>);
    if (bad) throw new BackOfficeHttpError(400, `${bad.field}: ${bad.message}`, bad.field);
    const r = await enrol(db, d.bo.box, d.glase, body as unknown as EnrolRequest);
    if (!r.ok) {
      d.log.warn('enrolment refused', { status: r.status, field: r.field, why: r.message });
      throw new BackOfficeHttpError(r.status, r.field ? `${r.field}: ${r.message}` : r.message, r.field);
    }
    d.log.info('till enrolled', { tillId: r.tillId, terminalId: r.terminalId, name: body.name as string });
    sendJson(res, 201, r);
    return true;
  }
  if (!path.startsWith('/api/till')) return false;
  const till = await tillByToken(db, bearer(req));
  if (!till) throw new BackOfficeHttpError(401, 'authorization: a valid till token is required (Bearer); the till may have been unregistered');
  if (path === '/api/till/posts' && req.method === 'POST') {
    const body = await jsonBody(req);
    const posts = body.posts;
    if (!Array.isArray(posts)) throw new BackOfficeHttpError(400, 'posts: must be an array', 'posts');
    if (posts.length > MAX_BATCH) throw new BackOfficeHttpError(413, `posts: at most ${MAX_BATCH} per batch`, 'posts');
    const backlog = Number.isSafeInteger(body.backlog) && (body.backlog as number) >= 0 ? (body.backlog as number) : undefined;
    const version = typeof body.version === 'string' && /^[\w.+-]{1,40}$/.test(body.version) ? body.version : undefined;
    const results = await ingestBatch(db, till.id, posts as IncomingPost[], { backlog, version }, d.fault);
    sendJson(res, 200, { results });
    return true;
  }
  if (path === '/api/till' && req.method === 'GET') {
    sendJson(res, 200, { tillId: till.id, name: till.name, terminalId: till.terminalId, contiguousSeq: till.contiguousSeq, backlog: till.backlog });
    return true;
  }
  if (path === '/api/till' && req.method === 'DELETE') {
    await markUnregistered(db, till.id);
    d.log.info('till unregistered itself', { tillId: till.id });
    sendJson(res, 200, { ok: true });
    return true;
  }
  throw new BackOfficeHttpError(404, `no route ${req.method} ${path}`);
}
