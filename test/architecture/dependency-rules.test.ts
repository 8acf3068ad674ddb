// The import rules of .dependency-cruiser.cjs, run on the real tree: a violation fails the run
// with the rule's name, the importing file and the imported one. A second case plants one
// violation of each rule in a scratch tree, so a rule whose pattern stopped matching fails too.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, copyFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

function depcruise(cwd: string, dirs: string[]): Promise<Violation[]> {
  const args = [bin, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...dirs];
  return new Promise((resolve, reject) => {
    // exit code 1..n = number of errors; the JSON report is on stdout either way
    execFile(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      try {
        resolve((JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations);
      } catch {
        reject(new Error(`depcruise failed: ${err?.message ?? ''}\n${stderr}`));
      }
    });
  });
}

const describe = (v: Violation) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

const t = suite('import rules (.dependency-cruiser.cjs)');

// Both cruises start at once (each takes a few seconds, mostly TypeScript parsing).
const realTree = depcruise(root, ['src', 'machines', 'drivers']);
const planted = plantedTree();
for (const p of [realTree, planted]) p.catch(() => {}); // reported by the test that awaits it

t('src/, machines/ and drivers/ break no import rule', async () => {
  const violations = await realTree;
  const lines = violations.map(describe);
  for (const line of lines) console.error('  import rule broken: ' + line);
  assert.equal(lines, [], `${lines.length} import rule(s) broken:\n${lines.join('\n')}`);
});

/** A scratch tree with one violation of each rule; resolves to the rule names reported. */
async function plantedTree(): Promise<Set<string>> {
  const dir = mkdtempSync(join(tmpdir(), 'depcruise-'));
  const put = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  try {
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    put('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
    put('machines/m.ts', "import type { T } from '../src/glase/types.js';\nexport type M = T;\n");
    put('src/glase/types.ts', 'export type T = 1;\n');
    put('drivers/d.ts', "import { log } from '../src/lib/log.js';\nexport const d = log;\n");
    put('drivers/e.ts', "import type { M } from '../machines/m.js';\nexport type E = M;\n");
    put('src/lib/log.ts', "import { till } from '../till/till.js';\nexport const log = till;\n");
    put('src/till/till.ts', "import { route } from '../api/routes-till.js';\nexport const till = route;\n");
    put('src/api/routes-till.ts', "import { till } from '../till/till.js';\nexport const route = () => till;\n");
    put('src/daemon/scans.ts', "import { route } from '../api/routes-till.js';\nexport const scans = route;\n");
    put('src/daemon/main.ts', "import { till } from '../till/till.js';\nexport const main = till;\n");
    put('src/store/s.ts', "import { sim } from '../simulator/sim.js';\nexport const s = sim;\n");
    put('src/simulator/sim.ts', "import { s } from '../store/s.js';\nexport const sim = () => s;\n");
    put('src/loose.ts', "import { log } from './lib/log.js';\nexport const loose = log;\n");
    put('src/ui/app.js', "import { d } from '../../drivers/d.js';\nexport const app = d;\n");
    put('src/printing/p.ts', "import { f } from '../../test/fixture.js';\nexport const p = f;\n");
    put('test/fixture.ts', 'export const f = 1;\n');
    return new Set((await depcruise(dir, ['src', 'machines', 'drivers'])).map((v) => v.rule.name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

t('each rule catches a planted violation, and names itself', async () => {
  const found = await planted;
  for (const rule of [
    'machines-import-only-xstate-and-machines',
    'drivers-never-import-src',
    'drivers-never-import-machines',
    'lib-imports-nothing-else-of-src',
    'layer-till-imports-only-lower-layers',
    'layer-store-imports-only-lower-layers',
    'simulator-uses-lib-and-glase-contract-only',
    'only-composition-roots-import-simulator',
    'api-route-files-only-for-the-router',
    'till-only-through-its-index',
    'every-src-file-in-a-layer',
    'ui-is-browser-code',
    'product-never-imports-tests',
    'no-cycles',
  ]) {
    assert.ok(found.has(rule), `the planted violation of ${rule} was not reported (reported: ${[...found].join(', ')})`);
  }
});

t.run();
