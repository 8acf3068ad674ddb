// Validates captured SOAP envelopes with xmllint: the Body's element must be a global
// element of the chosen schema (the reference WSDL's, or our glase.wsdl's), strictly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/glase/', import.meta.url));
const OUR_WSDL = fileURLToPath(new URL('../../../src/glase/glase.wsdl', import.meta.url));

let dir: string | undefined;

/** Writes both schema sets once per process: reference (fixture) and ours (cut from glase.wsdl). */
function schemaDir(): string {
  if (dir) return dir;
  dir = mkdtempSync(join(tmpdir(), 'glase-xsd-'));
  const envelope = readFileSync(join(FIXTURES, 'soap-envelope.xsd'), 'utf8');
  writeFileSync(join(dir, 'reference-schema.xsd'), readFileSync(join(FIXTURES, 'reference-schema.xsd')));
  writeFileSync(join(dir, 'envelope-reference.xsd'), envelope);
  const wsdl = readFileSync(OUR_WSDL, 'utf8');
  const start = wsdl.indexOf('<xsd:schema');
  const end = wsdl.indexOf('</xsd:schema>') + '</xsd:schema>'.length;
  // the prefixes are declared on <definitions>; a standalone schema must declare them itself
  const ours = wsdl.slice(start, end).replace('<xsd:schema', '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:g="http://external.interfaces.ers.seamless.com/"');
  writeFileSync(join(dir, 'our-schema.xsd'), ours);
  writeFileSync(join(dir, 'envelope-ours.xsd'), envelope.replace('schemaLocation="reference-schema.xsd"', 'schemaLocation="our-schema.xsd"'));
  process.on('exit', () => rmSync(dir!, { recursive: true, force: true }));
  return dir;
}

/** Returns '' when valid, otherwise xmllint's complaint. */
export function xmllintErrors(xml: string, schema: 'reference' | 'ours' = 'reference'): string {
  const d = schemaDir();
  const file = join(d, `msg-${process.pid}-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', join(d, `envelope-${schema}.xsd`), file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  } finally {
    rmSync(file, { force: true });
  }
}
