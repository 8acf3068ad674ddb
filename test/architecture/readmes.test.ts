// The docs match the tree (issue 8): each top-level folder and each folder of src/ has a README
// that says what lives there, what it may import and shows one example; the main README's
// architecture picture names every folder of src/ and drivers/, and every path it names exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const root = new URL('../../', import.meta.url).pathname;
const t = suite('folder READMEs and the architecture picture');

const dirs = (dir: string) => readdirSync(join(root, dir)).filter((n) => !n.startsWith('.') && statSync(join(root, dir, n)).isDirectory());
const NOT_OURS = new Set(['node_modules', 'dist', 'data', 'test-output']);
const folders = [...dirs('.').filter((n) => !NOT_OURS.has(n)), ...dirs('src').map((n) => `src/${n}`)];

t('each top-level folder and each src/ folder: a README with what lives there, what it may import, one example', () => {
  assert.ok(folders.includes('machines') && folders.includes('src/till'), folders.join(' '));
  const gaps: string[] = [];
  for (const f of folders) {
    const file = join(root, f, 'README.md');
    if (!existsSync(file)) {
      gaps.push(`${f}: no README.md`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (!/^# \S/.test(text)) gaps.push(`${f}: no title saying what lives there`);
    if (!/\*\*May import:?\*\*|nothing here imports/i.test(text)) gaps.push(`${f}: no "**May import:**" line`);
    if (!/^```/m.test(text)) gaps.push(`${f}: no example (a fenced block)`);
  }
  assert.equal(gaps, []);
});

t("the main README's architecture picture: every path it names exists, every folder of src/ and drivers/ is in it", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Architecture'));
  const picture = section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3));
  const named = new Set(picture.match(/(?:src|machines|drivers)(?:\/[\w.-]+)*\/?/g) ?? []);
  assert.ok(named.size > 20, [...named].join(' '));
  assert.equal([...named].filter((p) => !existsSync(join(root, p))), [], 'paths in the picture that do not exist');
  const mentioned = (p: string) => [...named].some((n) => n.replace(/\/$/, '') === p || n.startsWith(`${p}/`));
  const missing = [...dirs('src').map((n) => `src/${n}`), ...dirs('drivers').map((n) => `drivers/${n}`), 'machines'].filter((p) => !mentioned(p));
  assert.equal(missing, [], 'folders the picture does not show');
});

t.run();
