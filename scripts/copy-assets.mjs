// tsc emits only JavaScript; copy the other files the till serves or reads (WSDL, UI
// pages, styles) from src/ into dist/src/ beside the compiled code, and make the
// executable (dist/src/cli.js) executable, so a symlink to it (npm link, /usr/local/bin)
// runs. Usage: node scripts/copy-assets.mjs [outDir]   (default: dist; tests build elsewhere)
import { chmodSync, cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = resolve(root, process.argv[2] ?? 'dist');
const copyable = /\.(wsdl|xsd|html|css|svg|png|ico|json|js)$/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (copyable.test(name) && !name.endsWith('.d.ts')) {
      const dest = join(out, relative(root, p));
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(p, dest);
    }
  }
}
walk(join(root, 'src'));
chmodSync(join(out, 'src', 'cli.js'), 0o755);
