// Audit writing has one owner per action: each action's row is written by one file of src/,
// and every path that does the action (admin screen, CLI, scanner, demo) calls it there. Set-up
// actions were once audited twice (by the till and again by the edge), a Z copy and a set PIN
// were written by the command and again by the till or the demo.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT, sourceFiles } from '../../fakes/source-files.js';

const t = suite('audit writing: one owner per action');
const root = REPO_ROOT;

t('each audited action is written in one file', () => {
  const writers = new Map<string, Set<string>>();
  // audit.append(by, 'action' and the API's audit(actor, 'action'
  const WRITE = /\baudit(?:\.append)?\(\s*[^,()]+,\s*'([a-z-]+)'/g;
  for (const f of sourceFiles(join(root, 'src'))) {
    if (relative(root, f).startsWith('src/backoffice/')) continue; // the back office's own audit table
    for (const m of readFileSync(f, 'utf8').matchAll(WRITE)) {
      const set = writers.get(m[1]!) ?? new Set<string>();
      set.add(relative(root, f));
      writers.set(m[1]!, set);
    }
  }
  assert.ok(writers.has('z-reprint') && writers.has('set-pin') && writers.has('confirm-orphan'), 'the scan finds the writers');
  const twice = [...writers].filter(([, files]) => files.size > 1).map(([a, files]) => `${a}: ${[...files].join(', ')}`);
  assert.equal(twice, []);
});

t('set-up actions are audited only through auditSetup (src/till/setup-audit.ts)', () => {
  const setup = /\baudit(?:\.append)?\(\s*[^,()]+,\s*'(register|assign-glase-id|unregister|forget-registration)(-refused)?'/;
  const bad = sourceFiles(join(root, 'src'))
    .filter((f) => setup.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
  assert.equal(bad, []);
});

t.run();
