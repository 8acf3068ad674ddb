// The OpenAPI 3.1 document, generated from the route table and its zod schemas.
import { z } from 'zod/v4';
import type { Route } from './router.js';
import { VIEW_SCHEMAS } from './view-schemas.js';

const ErrorBody = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['field', 'rule', 'message'], properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
};

export function openApiDocument(routes: Route[], version: string, names: { kioskCookie: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if (r.path.endsWith('/*')) continue; // static files
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = {};
    for (const [code, description] of Object.entries(r.responses)) {
      const ok = Number(code) < 300;
      const type = ok ? (r.produces ?? 'application/json') : 'application/json';
      const okSchema = r.produces ? { type: 'string' } : r.returns ? { $ref: `#/components/schemas/${r.returns}` } : {};
      if (code === '204') {
        responses[code] = { description };
        continue;
      }
      responses[code] = { description, content: { [type]: { schema: ok ? okSchema : { $ref: '#/components/schemas/Error' } } } };
    }
    if (r.body) responses['400'] = { description: 'validation error naming the field and rule', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    if (r.access !== 'public') responses['401'] = { description: r.access === 'admin' ? 'no valid token/kiosk cookie, or no admin session' : 'no valid token or kiosk cookie', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const security = r.access === 'public' ? [] : r.access === 'admin' ? [{ bearer: [], adminSession: [] }, { kioskCookie: [], adminSession: [] }] : [{ bearer: [] }, { kioskCookie: [] }];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses,
      security,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'glase-pos local API', version, description: 'The till API for the host POS and the kiosk screen. Amounts are integer minor units.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: ErrorBody, ...VIEW_SCHEMAS },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'config api.token' },
        kioskCookie: { type: 'apiKey', in: 'cookie', name: names.kioskCookie, description: 'set by GET /?kiosk=<kiosk secret>; without api.token also when / is loaded from loopback' },
        adminSession: { type: 'apiKey', in: 'header', name: 'X-Admin-Session', description: 'from POST /api/admin/session' },
      },
    },
  };
}

function jsonSchema(s: z.ZodType): unknown {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
