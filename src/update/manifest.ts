// A bundle's manifest and its signature. Node's Ed25519 is one-shot (the whole message in
// memory), so the small manifest is what is signed, and it pins the payload by sha256.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';

export const manifestSchema = z
  .object({
    format: z.literal(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.2.3'),
    /** Debian architecture name: amd64 or arm64 */
    arch: z.enum(['amd64', 'arm64']),
    /** process.versions.modules of the Node the native addons were built for */
    nodeAbi: z.string().regex(/^\d+$/),
    payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
    payloadBytes: z.number().int().positive(),
    createdAt: z.string(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** Debian's name for this machine's architecture */
export function debianArch(nodeArch: string = process.arch): string {
  return ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[nodeArch] ?? nodeArch;
}

export function signManifest(manifestBytes: Buffer, privateKeyPem: string): Buffer {
  return sign(null, manifestBytes, createPrivateKey(privateKeyPem));
}

/** true when any of the trusted public keys made this signature (two keys allow rotation) */
export function manifestSignedBy(manifestBytes: Buffer, signature: Buffer, publicKeyPems: string[]): boolean {
  return publicKeyPems.some((pem) => {
    try {
      return verify(null, manifestBytes, createPublicKey(pem), signature);
    } catch {
      return false; // not an Ed25519 key, or a malformed signature
    }
  });
}

export async function sha256File(path: string): Promise<{ hex: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hex: hash.digest('hex'), bytes };
}

/** -1, 0, 1 for x.y.z versions */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return 0;
}
