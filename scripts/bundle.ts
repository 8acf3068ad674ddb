// npm run bundle: makes a signed update bundle for a till image.
//   npm run bundle -- keygen --out DIR
//       writes DIR/update-key.pem (private, 0600: keep it off the tills and out of git) and
//       DIR/update-key.pub.pem (give it to image/build --update-key)
//   npm run bundle -- --image DIR --key update-key.pem --out FILE [--version V] [--release RELDIR]
//       DIR is image/build's --out: its architecture, its Node's ABI and its production
//       node_modules (built for that architecture) go into the bundle with this checkout's
//       dist/ (npm run build first); --release packs a prepared release directory instead.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeBundle } from '../src/update/make-bundle.js';

const repo = new URL('..', import.meta.url).pathname;
const fail = (msg: string): never => {
  console.error(`bundle: ${msg}`);
  process.exit(2);
};

const { values, positionals } = parseArgs({
  options: { image: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, release: { type: 'string' } },
  allowPositionals: true,
});

if (positionals[0] === 'keygen') {
  if (!values.out) fail('keygen: --out DIR is required');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'update-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(values.out!, 'update-key.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  console.log(`wrote ${join(values.out!, 'update-key.pem')} (private) and update-key.pub.pem`);
  process.exit(0);
}
if (positionals.length) fail(`unknown argument ${positionals[0]}`);
if (!values.image) fail('--image DIR (the output of image/build) is required');
if (!values.key) fail('--key PRIVATE.pem is required');
if (!values.out) fail('--out FILE is required');
const image = values.image!;
const arch = readFileSync(join(image, 'arch'), 'utf8').trim();
if (arch !== 'amd64' && arch !== 'arm64') fail(`${image}/arch: must be amd64 or arm64`);
const header = readFileSync(join(image, 'rootfs/usr/lib/glase-pos/node/include/node/node_version.h'), 'utf8');
const nodeAbi = header.match(/#define NODE_MODULE_VERSION (\d+)/)?.[1] ?? fail("cannot read the image's NODE_MODULE_VERSION");

let releaseDir = values.release;
let work: string | undefined;
if (!releaseDir) {
  if (!existsSync(join(repo, 'dist/src/cli.js'))) fail('dist/ is missing: run npm run build first');
  work = mkdtempSync(join(tmpdir(), 'glase-release-'));
  releaseDir = join(work, 'release');
  execFileSync(join(repo, 'image/lib/stage-release.sh'), [repo, releaseDir, ...(values.version ? [values.version] : [])], { stdio: 'inherit' });
  cpSync(join(image, 'rootfs/usr/lib/glase-pos/factory/node_modules'), join(releaseDir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
}
try {
  const manifest = await makeBundle({ releaseDir, out: values.out!, privateKeyPem: readFileSync(values.key!, 'utf8'), arch: arch as 'amd64' | 'arm64', nodeAbi });
  console.log(`bundle ${values.out}: ${manifest.version} for ${manifest.arch}, Node ABI ${manifest.nodeAbi}, payload ${(manifest.payloadBytes / 1e6).toFixed(1)} MB`);
} finally {
  if (work) rmSync(work, { recursive: true, force: true });
}
