// Makes a signed bundle from one release directory (bin/, dist/, node_modules/ for the
// target, package.json, VERSION): payload.tar.gz + manifest.json + manifest.sig in one tar.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundle } from './bundle-file.js';
import { manifestSchema, sha256File, signManifest, type Manifest } from './manifest.js';

export interface BundleSpec {
  releaseDir: string;
  out: string;
  privateKeyPem: string;
  arch: Manifest['arch'];
  nodeAbi: string;
}

export async function makeBundle(spec: BundleSpec): Promise<Manifest> {
  const work = mkdtempSync(join(tmpdir(), 'glase-bundle-'));
  try {
    const payload = join(work, 'payload.tar.gz');
    execFileSync('tar', ['-czf', payload, '--owner=0', '--group=0', '-C', spec.releaseDir, '.']);
    const { hex, bytes } = await sha256File(payload);
    const manifest = manifestSchema.parse({
      format: 1,
      version: readFileSync(join(spec.releaseDir, 'VERSION'), 'utf8').trim(),
      arch: spec.arch,
      nodeAbi: spec.nodeAbi,
      payloadSha256: hex,
      payloadBytes: bytes,
      createdAt: new Date().toISOString(),
    });
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
    writeFileSync(join(work, 'manifest.json'), manifestBytes);
    writeFileSync(join(work, 'manifest.sig'), signManifest(manifestBytes, spec.privateKeyPem));
    writeBundle(work, spec.out);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
