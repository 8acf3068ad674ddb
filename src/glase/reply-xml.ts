// Reads a Glase SOAP reply: the <return> of `{GLASE_NS}{op}Response`, or a soap:Fault.
// The reply comes from the network, so it is checked, never trusted: no DTD (so no entity
// of any kind but the five predefined ones and character references), bounded nesting, the
// envelope and the wrapper in their namespaces. Children of <return> are read by local name
// in any order, as the real (CXF) server and the soap package before us did; every scalar
// stays text, so wire-map.ts checks numbers and amounts itself.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GlasePosError } from '../lib/errors.js';
import { GLASE_NS } from './request-xml.js';

export const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** The deepest real reply (a receipt's invoice row amount) nests 9 elements. */
const MAX_DEPTH = 32;

/** A reply that is not a SOAP answer to the call made. */
export class ReplyFormatError extends GlasePosError {
  constructor(message: string) {
    super('glase.reply-format', message);
  }
}

export type Reply =
  /** value: what <return> held (undefined when there is none) */
  | { kind: 'return'; value: unknown }
  | { kind: 'fault'; code: string; text: string };

type Node = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // entities are decoded by decodeText below, which knows only what XML itself defines
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

/** A name from the reply, quoted whole or not at all (a cut name could hide part of an echoed secret). */
function quote(s: string): string {
  return s.length <= 80 ? JSON.stringify(s) : `(a name of ${s.length} characters)`;
}

const PROLOG_HTML = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+html\b|<html[\s>])/i;
const PROLOG_DOCTYPE = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<!DOCTYPE/i;

export function readReply(op: string, xml: string): Reply {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (PROLOG_HTML.test(text)) throw new ReplyFormatError('the reply is an HTML page, not a SOAP envelope');
  if (PROLOG_DOCTYPE.test(text)) throw new ReplyFormatError('the reply has a DOCTYPE, which SOAP forbids; its entities are never expanded');
  let doc: Node[];
  try {
    // the parser first: it stops at MAX_DEPTH at once, where the validator is slow on deep nesting
    doc = parser.parse(text) as Node[];
  } catch (e) {
    throw new ReplyFormatError(`the reply cannot be read as XML: ${(e as Error).message}`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ReplyFormatError(`the reply is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);

  const roots = doc.filter(isElement);
  if (roots.length !== 1) throw new ReplyFormatError(roots.length === 0 ? 'the reply holds no XML element' : `the reply has ${roots.length} root elements`);
  const root = element(roots[0], new Map());
  if (root.local === 'html') throw new ReplyFormatError('the reply is an HTML page, not a SOAP envelope');
  if (root.local !== 'Envelope' || (root.ns !== SOAP11_ENV && root.ns !== SOAP12_ENV)) {
    throw new ReplyFormatError(`the reply is not a SOAP envelope: its root is ${qname(root)}`);
  }
  const body = root.children.find((c) => c.local === 'Body' && c.ns === root.ns);
  if (!body) throw new ReplyFormatError('the reply has no soap:Body');
  if (body.children.length === 0) throw new ReplyFormatError('the reply\'s soap:Body is empty');
  if (body.children.length > 1) throw new ReplyFormatError(`the reply's soap:Body holds ${body.children.length} elements, expected one`);
  const answer = body.children[0];
  if (answer.local === 'Fault' && answer.ns === root.ns) return fault(answer, root.ns === SOAP12_ENV);
  const expected = `${op}Response`;
  if (answer.local !== expected) throw new ReplyFormatError(`the reply answers ${qname(answer)}, expected ${expected}`);
  if (answer.ns !== GLASE_NS) throw new ReplyFormatError(`the reply's ${expected} is in namespace ${quote(answer.ns ?? '(none)')}, expected ${GLASE_NS}`);
  const returns = answer.children.filter((c) => c.local === 'return');
  if (returns.length > 1) throw new ReplyFormatError(`the reply holds ${returns.length} <return> elements`);
  return { kind: 'return', value: returns.length ? value(returns[0]) : undefined };
}

interface Element {
  local: string;
  ns: string | undefined;
  prefix: string;
  nil: boolean;
  children: Element[];
  /** text and CDATA pieces in order: [text, isCdata] */
  text: [string, boolean][];
}

function isElement(n: Node): boolean {
  return Object.keys(n).some((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
}

/** Resolves names against the xmlns declarations in scope, recursively (depth ≤ MAX_DEPTH). */
function element(n: Node, outer: Scope): Element {
  const name = Object.keys(n).find((k) => k !== ':@')!;
  const attrs = (n[':@'] ?? {}) as Record<string, string>;
  let scope = outer;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (scope === outer) scope = new Map(outer);
      (scope as Map<string, string>).set(k === 'xmlns' ? '' : k.slice(6), v);
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  let nil = false;
  for (const [k, v] of Object.entries(attrs)) {
    const c = k.indexOf(':');
    if (c > 0 && k.slice(c + 1) === 'nil' && scope.get(k.slice(0, c)) === XSI && (v === 'true' || v === '1')) nil = true;
  }
  const out: Element = { local, prefix, ns: scope.get(prefix), nil, children: [], text: [] };
  for (const child of (n[name] ?? []) as Node[]) {
    if ('#text' in child) out.text.push([String(child['#text']), false]);
    else if ('#cdata' in child) for (const t of child['#cdata'] as Node[]) out.text.push([String(t['#text'] ?? ''), true]);
    else if (isElement(child)) out.children.push(element(child, scope));
  }
  return out;
}

function qname(e: Element): string {
  return e.ns ? `${quote(e.local)} in namespace ${quote(e.ns)}` : quote(e.prefix ? `${e.prefix}:${e.local}` : e.local);
}

/**
 * An element as the mappers read it: text (trimmed) when it has no child elements, else an
 * object by local name, a repeated name becoming an array; xsi:nil elements are left out.
 */
function value(e: Element): unknown {
  if (e.children.length === 0) return e.text.map(([t, cdata]) => (cdata ? t : decodeText(t, e.local))).join('').trim();
  const o: Record<string, unknown> = {};
  for (const c of e.children) {
    if (c.nil) continue;
    const v = value(c);
    const had = o[c.local];
    if (had === undefined) o[c.local] = v;
    else if (Array.isArray(had)) had.push(v);
    else o[c.local] = [had, v];
  }
  return o;
}

function fault(f: Element, soap12: boolean): Reply {
  const child = (e: Element | undefined, local: string) => e?.children.find((c) => c.local === local);
  const textOf = (e: Element | undefined) => (e && e.children.length === 0 ? (value(e) as string) : undefined);
  const code = soap12 ? textOf(child(child(f, 'Code'), 'Value')) : textOf(child(f, 'faultcode'));
  const text = soap12 ? textOf(child(child(f, 'Reason'), 'Text')) : textOf(child(f, 'faultstring'));
  return { kind: 'fault', code: code || (soap12 ? 'env:Receiver' : 'soap:Server'), text: text ?? '' };
}

const REFERENCE = /&(?:#(\d{1,7});|#x([0-9a-fA-F]{1,6});|(lt|gt|amp|quot|apos);)?/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; anything else is refused. */
function decodeText(t: string, where: string): string {
  if (!t.includes('&')) return t;
  return t.replace(REFERENCE, (m, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named];
    const cp = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
    if (Number.isNaN(cp)) throw new ReplyFormatError(`the reply's element ${quote(where)} has an "&" that is not one of XML's predefined entities or a character reference`);
    if (!isXmlChar(cp)) throw new ReplyFormatError(`the reply's element ${quote(where)} has a character reference to ${m}, which XML does not allow`);
    return String.fromCodePoint(cp);
  });
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}
