// A secret kept only as scrypt(secret, random salt): the admin PIN, the simulator's reseller
// passwords. Compared in constant time; the parameters travel with the hash.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptHash {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

const COST = { N: 16384, r: 8, p: 1, keylen: 32 };

export function scryptHash(secret: string): ScryptHash {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, COST.keylen, { N: COST.N, r: COST.r, p: COST.p });
  return { algo: 'scrypt', N: COST.N, r: COST.r, p: COST.p, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export function scryptVerify(secret: string, stored: ScryptHash): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const got = scryptSync(secret, Buffer.from(stored.salt, 'base64'), expected.length, { N: stored.N, r: stored.r, p: stored.p });
  return timingSafeEqual(got, expected);
}
