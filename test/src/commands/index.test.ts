// The command table: every command file is listed (no readdir, no "_" prefixes), each loads
// and runs; the kit's argument errors name the option and exit 2.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS, main } from '../../../src/commands/index.js';
import { capture } from './_cli.js';

const t = suite('glase-pos command table');


t('every command file in src/commands is in the table, and every entry loads a run()', async () => {
  const dir = fileURLToPath(new URL('../../../src/commands/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
  assert.equal(Object.keys(COMMANDS).sort(), files);
  for (const [name, c] of Object.entries(COMMANDS)) assert.type((await c.load()).run, 'function', name);
});

t('--help lists each command with its summary; no command is a usage error', async () => {
  const help = await capture(() => main(['--help']));
  assert.is(help.code, 0);
  for (const [name, c] of Object.entries(COMMANDS)) assert.ok(help.out.split('\n').some((l) => l.startsWith(`  ${name} `) && l.trimEnd().endsWith(` ${c.summary}`)), name);
  assert.is((await capture(() => main([]))).code, 2);
});

t('an unknown command, or a name like "__proto__", exits 2 and names it', async () => {
  for (const name of ['bogus', '__proto__', 'toString', '../daemon']) {
    const r = await capture(() => main([name]));
    assert.is(r.code, 2, name);
    assert.ok(r.err.includes(`unknown command ${JSON.stringify(name)}`), r.err);
  }
});

t('a command help exits 0; an unknown option or a missing value exits 2 naming it', async () => {
  const h = await capture(() => main(['journal', '--help']));
  assert.is(h.code, 0);
  assert.match(h.out, /usage: glase-pos journal/);
  const u = await capture(() => main(['journal', '--bogus']));
  assert.is(u.code, 2);
  assert.match(u.err, /glase-pos journal: arguments: Unknown option '--bogus'/);
  assert.match(u.err, /usage: glase-pos journal/);
  const m = await capture(() => main(['simulator', '--port']));
  assert.is(m.code, 2);
  assert.match(m.err, /--port <value>' argument missing/);
  const r = await capture(() => main(['simulator', '--port', '70000']));
  assert.is(r.code, 2);
  assert.match(r.err, /--port: must be a whole number from 0 to 65535/);
});

t.run();
