// tsc emits only JavaScript; copy the other files the till serves or reads (WSDL, UI
// pages, styles) from src/ into dist/src/ beside the compiled code.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const copyable = /\.(wsdl|xsd|html|css|svg|png|ico|json|js)$/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (copyable.test(name) && !name.endsWith('.d.ts')) {
      const dest = join(root, 'dist', relative(root, p));
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(p, dest);
    }
  }
}
walk(join(root, 'src'));
