// Encryption at rest for the reseller password and the tills' terminal passwords: AES-256-GCM
// with a 32-byte key read from a file — a systemd credential ($CREDENTIALS_DIRECTORY/
// backoffice-key, LoadCredential=) or a file named in the config. The key never sits in the
// database; without it the stored ciphertext is useless.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlasePosError } from '../lib/errors.js';

export const CREDENTIAL_NAME = 'backoffice-key';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export class KeyError extends GlasePosError {
  constructor(message: string) {
    super('backoffice.key', message);
  }
}

/** A key file holds 32 raw bytes, or 64 hex digits, or base64 of 32 bytes (a newline may follow). */
export function parseKey(bytes: Buffer, where: string): Buffer {
  if (bytes.length === 32) return bytes;
  const text = bytes.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const b64 = /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (b64?.length === 32) return b64;
  throw new KeyError(`${where}: the key must be 32 bytes (raw, 64 hex digits or base64)`);
}

/**
 * Where the key comes from, first found: `keyFile` (backoffice.keyFile), the systemd credential,
 * else — only for an embedded data folder — `<data>/backoffice.key`, made once (0600).
 */
export function loadKey(o: { keyFile?: string; dataDir?: string; env?: NodeJS.ProcessEnv }): Buffer {
  const env = o.env ?? process.env;
  if (o.keyFile) {
    if (!existsSync(o.keyFile)) throw new KeyError(`backoffice.keyFile: ${o.keyFile} does not exist`);
    return parseKey(readFileSync(o.keyFile), `backoffice.keyFile ${o.keyFile}`);
  }
  if (env.CREDENTIALS_DIRECTORY) {
    const f = join(env.CREDENTIALS_DIRECTORY, CREDENTIAL_NAME);
    if (existsSync(f)) return parseKey(readFileSync(f), `systemd credential ${CREDENTIAL_NAME}`);
  }
  if (!o.dataDir) throw new KeyError(`no encryption key: set backoffice.keyFile, or give the service the systemd credential ${CREDENTIAL_NAME} (LoadCredential=)`);
  const f = join(o.dataDir, 'backoffice.key');
  if (!existsSync(f)) writeFileSync(f, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return parseKey(readFileSync(f), f);
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new KeyError('the key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split(':');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new KeyError('a stored secret is not in the v1 format');
      try {
        const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        d.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
      } catch {
        throw new KeyError('a stored secret cannot be decrypted: wrong key (backoffice.keyFile or the systemd credential)');
      }
    },
  };
}
