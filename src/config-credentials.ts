// systemd credentials (LoadCredential= in glase-pos.service): secrets reach the till as
// read-only files in $CREDENTIALS_DIRECTORY, never through the environment, argv or the
// config file. They sit between the config file and GLASE_POS__… overrides.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** credential file name → what it configures */
export const CREDENTIALS = { apiToken: 'api-token', glaseCa: 'glase-ca.pem' } as const;

function readCredential(dir: string, name: string): string | undefined {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`credential ${name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}

/**
 * api-token → api.token (trimmed); glase-ca.pem → glase.caFile (its path). An empty or
 * missing file configures nothing: an empty CA file means "the system trust store", and the
 * image creates empty placeholders because LoadCredential= fails the unit on a missing file.
 */
export function credentialOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const dir = env.CREDENTIALS_DIRECTORY;
  if (!dir) return {};
  const out: { api?: { token: string }; glase?: { caFile: string } } = {};
  const token = readCredential(dir, CREDENTIALS.apiToken)?.trim();
  if (token) out.api = { token };
  if (readCredential(dir, CREDENTIALS.glaseCa)?.trim()) out.glase = { caFile: join(dir, CREDENTIALS.glaseCa) };
  return out;
}
