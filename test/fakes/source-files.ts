// The repository's own source files, for the tests that check a rule has one owner by reading
// who calls what.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** every .ts and .js file below `dir`, depth first */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|js)$/.test(n) ? [p] : [];
  });
}
