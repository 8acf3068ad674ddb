// Validates captured SOAP envelopes with xmllint against the reference WSDL's schema
// (test/fixtures/glase/soap-envelope.xsd imports reference-schema.xsd).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ENVELOPE_XSD = fileURLToPath(new URL('../../fixtures/glase/soap-envelope.xsd', import.meta.url));

/** Returns '' when valid, otherwise xmllint's complaint. */
export function xmllintErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'glase-xsd-'));
  const file = join(dir, 'msg.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', ENVELOPE_XSD, file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
