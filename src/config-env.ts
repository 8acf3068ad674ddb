// GLASE_POS__… environment variables → a config layer. Each value is read by the schema's
// type at its key path, never guessed: a string stays the exact text (a token of digits must
// not become a float: GLASE_POS__API__TOKEN=12345678901234567890 was "12345678901234567000"),
// numbers and booleans are parsed strictly, arrays and objects are JSON.
import { z } from 'zod';
import { jsonSyntaxWhere } from './lib/json-syntax.js';

type Kind = 'string' | 'number' | 'boolean' | 'json';

/** GLASE_POS__PAYMENT__WINDOW_MS → ['payment', 'windowMs'] */
export function envPath(name: string, prefix: string): string[] {
  return name.slice(prefix.length).split('__').map((s) => s.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
}

/** ['api', 'port'] → GLASE_POS__API__PORT: the variable that sets a key (the inverse of envPath) */
export function envName(path: readonly string[], prefix = 'GLASE_POS__'): string {
  return prefix + path.map((k) => k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()).join('__');
}

/** The schema at a key path with its wrappers (default, optional, refinements) taken off; undefined off the schema. */
function schemaAt(schema: z.ZodTypeAny, path: string[]): z.ZodTypeAny | undefined {
  let s: z.ZodTypeAny | undefined = unwrap(schema);
  for (const key of path) {
    if (!(s instanceof z.ZodObject) || !Object.hasOwn(s.shape, key)) return undefined;
    s = unwrap(s.shape[key] as z.ZodTypeAny);
  }
  return s;
}

function unwrap(s: z.ZodTypeAny): z.ZodTypeAny {
  for (;;) {
    if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodPipeline) s = s._def.in;
    else return s;
  }
}

/** The kinds of value a schema takes, in its own order (a union may take a number or a string). */
function kindsOf(s: z.ZodTypeAny): Kind[] {
  if (s instanceof z.ZodUnion) return [...new Set((s.options as z.ZodTypeAny[]).flatMap((o) => kindsOf(unwrap(o))))];
  if (s instanceof z.ZodLiteral) return [typeof s.value === 'number' ? 'number' : typeof s.value === 'boolean' ? 'boolean' : 'string'];
  if (s instanceof z.ZodNumber) return ['number'];
  if (s instanceof z.ZodBoolean) return ['boolean'];
  if (s instanceof z.ZodString || s instanceof z.ZodEnum) return ['string'];
  return ['json'];
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const RULE: Record<Kind, string> = {
  string: 'must be text',
  number: 'must be a number written with digits only, like 5000 or -1.5',
  boolean: 'must be true or false',
  json: 'must be JSON, like ["a", "b"] or {"key": "value"}',
};

/** One value by its kinds; a problem names the rule, never quotes the value (it may be a secret). */
function read(raw: string, kinds: Kind[]): { value: unknown } | { rule: string } {
  for (const kind of kinds) {
    if (kind === 'string') return { value: raw };
    if (kind === 'number' && NUMBER.test(raw)) {
      const n = Number(raw);
      if (/^-?\d+$/.test(raw) && !Number.isSafeInteger(n)) return { rule: `must be at most ${Number.MAX_SAFE_INTEGER} (larger whole numbers cannot be kept exactly)` };
      return { value: n };
    }
    if (kind === 'boolean' && (raw === 'true' || raw === 'false')) return { value: raw === 'true' };
    if (kind === 'json') {
      try {
        return { value: JSON.parse(raw) };
      } catch (e) {
        return { rule: `${RULE.json} (${jsonSyntaxWhere(e)})` };
      }
    }
  }
  return { rule: kinds.map((k) => RULE[k]).join(', or ') };
}

/**
 * The environment's config layer and every problem found, each naming its variable, the key
 * path and the rule. A variable off the schema is kept as text, so the schema names it unknown.
 */
export function parseEnv(env: NodeJS.ProcessEnv, schema: z.ZodTypeAny, prefix: string): { layer: Record<string, unknown>; problems: string[] } {
  const layer: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(prefix) || raw === undefined) continue;
    const path = envPath(name, prefix);
    const at = schemaAt(schema, path);
    const r = at ? read(raw, kindsOf(at)) : { value: raw };
    if ('rule' in r) {
      problems.push(`${name} (${path.join('.')}): ${r.rule}`);
      continue;
    }
    let node = layer;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = r.value;
  }
  return { layer, problems };
}
