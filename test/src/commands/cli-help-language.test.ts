// --help in the shop's language: `glase-pos --help` and each command's help read Swedish when
// ui.language is sv (real processes), English stays as written; every command a shop uses has a
// Swedish help that keeps the English usage line's options and every option name (in process).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../../src/commands/index.js';
import { runCli } from './_cli.js';

const t = suite('glase-pos --help in Swedish');
const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
const sv: NodeJS.ProcessEnv = { ...base, GLASE_POS__UI__LANGUAGE: 'sv' };

/** The commands a shop uses (the list in issue 15). */
export const SHOP_COMMANDS = ['pay', 'status', 'journal', 'register', 'unregister', 'assign-id', 'reprint', 'report', 'close-day', 'refund', 'recover', 'settle-outside', 'confirm-orphan', 'set-pin', 'enroll', 'export', 'forget-registration', 'verify'];

t('glase-pos --help lists the commands in Swedish; English as before', async () => {
  const r = await runCli(['--help'], sv);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^användning: glase-pos <kommando> \[flaggor\]/);
  assert.match(r.stdout, /^kommandon:$/m);
  assert.match(r.stdout, /^ {2}status +visa registrering, Glase-ID, om servern nås och oavslutade betalningar$/m);
  assert.match(r.stdout, /^ {2}pay +ta emot en Glase-betalning: pay --amount 12\.50 \[--rows FILE\]/m);
  assert.not.match(r.stdout, /usage:|commands:|show registration/);
  const en = await runCli(['--help'], { ...base, GLASE_POS__UI__LANGUAGE: 'en' });
  assert.match(en.stdout, /^usage: glase-pos <command> \[options\] {3}\(glase-pos <command> --help for its options\)\n\ncommands:\n/);
  assert.match(en.stdout, /^ {2}status +show registration, Glase ID, server reachability and unfinished payments$/m);
});

t('status, pay and register --help read Swedish; option names and paths stay', async () => {
  const s = await runCli(['status', '--help'], sv);
  assert.is(s.code, 0, s.stderr);
  assert.is(s.stdout, 'användning: glase-pos status [--json] [--config FILE]\n\n  --json          ett JSON-objekt för skript\n  --config FILE   konfigurationsfil (standard: $GLASE_POS_CONFIG, annars /etc/glase-pos/config.json om den finns)\n\nSlutkod 0 när kassan är redo för Glase-betalningar, annars 1.\n');
  const p = await runCli(['pay', '--help'], sv);
  assert.match(p.stdout, /^ {2}--amount AMOUNT {2}Glase-beloppet, t\.ex\. 12\.50/m);
  assert.match(p.stdout, /"t = försök igen, c = avbryt"/);
  const r = await runCli(['register', '-h'], sv);
  assert.match(r.stdout, /Återförsäljarlösenordet frågas efter utan eko/);
  assert.match(r.stdout, /\$GLASE_RESELLER_PASSWORD/);
  const en = await runCli(['status', '--help'], base);
  assert.match(en.stdout, /^usage: glase-pos status \[--json\] \[--config FILE\]\n\n {2}--json {10}one JSON object for scripts\n/);
});

/** One command's --help printed in process, in a language. */
async function helpOf(name: string, lang: 'sv' | 'en'): Promise<string> {
  const was = process.env.GLASE_POS__UI__LANGUAGE;
  const log = console.log;
  let out = '';
  process.env.GLASE_POS__UI__LANGUAGE = lang;
  console.log = (s: string) => void (out += s);
  try {
    assert.is(await main([name, '--help']), 0, name);
  } finally {
    console.log = log;
    if (was === undefined) delete process.env.GLASE_POS__UI__LANGUAGE;
    else process.env.GLASE_POS__UI__LANGUAGE = was;
  }
  return out;
}

t('every command a shop uses has a Swedish help with the same usage and every option name', async () => {
  for (const name of SHOP_COMMANDS) {
    const en = await helpOf(name, 'en');
    const svText = await helpOf(name, 'sv');
    assert.ok(en.startsWith(`usage: glase-pos ${name}`), name);
    assert.ok(svText.startsWith(`användning: glase-pos ${name}`), `${name} has no Swedish help`);
    // the usage line(s) (options, placeholders) are the same after the first word
    const usageLines = (s: string) => s.split('\n\n')[0].replace(/^(usage|användning):/, '').replace(/^ {7}| {11}/gm, '');
    assert.is(usageLines(svText), usageLines(en), name);
    const options = (s: string) => [...new Set(s.match(/--[a-z][a-z-]*/g))].sort();
    assert.equal(options(svText), options(en), name);
    assert.not.match(svText, /\bthe\b|\bdefault\b|config file/, name);
  }
});

t.run();
