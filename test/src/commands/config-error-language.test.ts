// A config the command cannot use: the frame of the error is said in the language the config asks
// for (file or GLASE_POS__UI__LANGUAGE), each problem keeps its key and value as written; English
// reads exactly as before.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './_cli.js';

const t = suite('config errors in the shop language');
const dir = mkdtempSync(join(tmpdir(), 'glase-cfg-lang-'));
const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GLASE_POS__DATA_DIR: dir };
t.after(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, body: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(body));
  return f;
}

t('config file with ui.language sv and an unknown key: Swedish frame, the key named as written', async () => {
  const f = configFile('sv.json', { ui: { language: 'sv' }, bogusKey: 1 });
  const r = await runCli(['status', '--config', f], base);
  assert.is(r.code, 2, r.stdout);
  assert.match(r.stderr, /^glase-pos status: ogiltig konfiguration:\n {2}- .*bogusKey.*\n\(rätta konfigurationsfilen eller GLASE_POS__…-miljövariabeln som nämns ovan\)\n$/);
});

t('GLASE_POS__UI__LANGUAGE=sv with a bad value elsewhere: Swedish frame, the variable named', async () => {
  const f = configFile('bad.json', { bogusKey: 1 });
  const r = await runCli(['journal', '--config', f], { ...base, GLASE_POS__UI__LANGUAGE: 'sv' });
  assert.is(r.code, 2);
  assert.match(r.stderr, /^glase-pos journal: ogiltig konfiguration:\n {2}- .*bogusKey/);
});

t('English (and a language the config gets wrong) reads as before', async () => {
  const f = configFile('en.json', { bogusKey: 1 });
  const r = await runCli(['status', '--config', f], base);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^glase-pos status: invalid configuration:\n {2}- .*bogusKey.*\n\(fix the config file or the GLASE_POS__… environment variable named above\)\n$/);
  const wrong = configFile('xx.json', { ui: { language: 'xx' } });
  const w = await runCli(['status', '--config', wrong], base);
  assert.match(w.stderr, /^glase-pos status: invalid configuration:\n {2}- ui\.language: must be one of sv, en\n/);
});

t.run();
