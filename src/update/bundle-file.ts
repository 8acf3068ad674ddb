// The bundle file: an uncompressed tar of manifest.json, manifest.sig (Ed25519, raw bytes)
// and payload.tar.gz (one release directory). Made and read with the system's tar.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlasePosError } from '../lib/errors.js';

export const MEMBERS = ['manifest.json', 'manifest.sig', 'payload.tar.gz'] as const;

export class UpdateRefused extends GlasePosError {}

/** tar of the three members (already in dir) → file */
export function writeBundle(dir: string, file: string): void {
  execFileSync('tar', ['-cf', file, '-C', dir, ...MEMBERS]);
}

/** unpacks the three members into dir; refuses anything else */
export function readBundle(file: string, dir: string): { manifestBytes: Buffer; signature: Buffer; payload: string } {
  let names: string[];
  try {
    names = execFileSync('tar', ['-tf', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n').filter(Boolean);
  } catch {
    throw new UpdateRefused('update.format', `${file}: not a bundle (not a tar file)`);
  }
  if (names.length !== MEMBERS.length || !MEMBERS.every((m) => names.includes(m))) throw new UpdateRefused('update.format', `${file}: not a bundle (it must hold exactly ${MEMBERS.join(', ')})`);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xf', file, '-C', dir, '--no-same-owner', ...MEMBERS]);
  return { manifestBytes: readFileSync(join(dir, 'manifest.json')), signature: readFileSync(join(dir, 'manifest.sig')), payload: join(dir, 'payload.tar.gz') };
}

/** the payload's member names, refused when any could land outside the release directory */
export function checkPayloadNames(payload: string): void {
  const names = execFileSync('tar', ['-tzf', payload], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\n').filter(Boolean);
  const bad = names.find((n) => n.startsWith('/') || n.split('/').includes('..'));
  if (bad) throw new UpdateRefused('update.payload', `payload member ${JSON.stringify(bad)} would land outside the release directory`);
  if (!names.some((n) => n.replace(/^\.\//, '') === 'bin/glase-pos')) throw new UpdateRefused('update.payload', 'payload has no bin/glase-pos');
}
