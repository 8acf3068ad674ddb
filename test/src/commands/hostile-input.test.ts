// `glase-pos pay` and `register` refuse hostile input before anything is sent (issue 9): exit
// 2, the message names the option and the rule. No server is needed: input is checked before
// the till opens.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './_cli.js';

const t = suite('commands: hostile input');
const dir = mkdtempSync(join(tmpdir(), 'glase-pay-input-'));
// a port nobody answers on: if input got through, pay would say "no Glase server" (exit 1)
const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GLASE_POS__DATA_DIR: join(dir, 'data'), GLASE_POS__GLASE__URL: 'http://127.0.0.1:9/soap' };
t.after(() => rmSync(dir, { recursive: true, force: true }));

const rowsFile = (name: string, rows: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(rows));
  return f;
};

t('--rows: [M, M, 0.03, -M, -M] (M = 2^53-1 minor units) for 0.01 is refused, as is a sum one unit off', async () => {
  const M = '90071992547409.91';
  const attack = rowsFile('attack.json', [M, M, '0.03', `-${M}`, `-${M}`].map((amount) => ({ description: 'x', amount })));
  const r = await runCli(['pay', '--amount', '0.01', '--rows', attack], env);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /--rows: row 1: the row total \(9007199254740991\) is beyond the largest amount \(100000000 minor units/);
  const L = '1000000.00';
  const off = rowsFile('off.json', [L, L, '0.03', `-${L}`, `-${L}`].map((amount) => ({ description: 'x', amount })));
  const o = await runCli(['pay', '--amount', '0.02', '--rows', off], env);
  assert.is(o.code, 2, o.stderr);
  assert.match(o.stderr, /--rows: the invoice rows sum to 3 but the amount is 2/);
});

t('--amount beyond the largest amount is refused', async () => {
  const r = await runCli(['pay', '--amount', '1000000.01'], env);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /--amount: must be at most 1000000\.00 SEK/);
});

const RULE = 'must not contain control characters \\(U\\+0000-U\\+001F, U\\+007F-U\\+009F\\) or non-characters';

t('control characters in --title, --cashier, --rows descriptions, register --name and the password', async () => {
  const rows = rowsFile('ctl.json', [{ description: 'Kaffe', amount: '1.00' }, { description: 'Bulle\u0000', amount: '1.00' }]);
  const cases: Array<[string[], RegExp, Record<string, string>?]> = [
    [['pay', '--amount', '1', '--title', 'Fika\u0007'], new RegExp(`--title: ${RULE} \\(U\\+0007 at character 5\\)`)],
    [['pay', '--amount', '1', '--cashier', 'an\u001bna'], /--cashier: must be 1-40 letters/],
    [['pay', '--amount', '2', '--rows', rows], new RegExp(`--rows: row 2: description ${RULE} \\(U\\+0000 at character 6\\)`)],
    [['register', '--reseller', 'shop1', '--user', '9900', '--name', 'Till\u001b[2J'], new RegExp(`--name: ${RULE}`)],
    [['register', '--reseller', 'shop1', '--user', '9900'], new RegExp(`password: ${RULE}$`, 'm'), { GLASE_RESELLER_PASSWORD: 'pw\u0001secret' }],
  ];
  for (const [args, msg, extra] of cases) {
    const r = await runCli(args, { ...env, ...extra });
    assert.is(r.code, 2, `${JSON.stringify(args)}: ${r.stderr}`);
    assert.match(r.stderr, msg, JSON.stringify(args));
    assert.not.match(r.stderr, /secret/, 'the password is never shown');
  }
});

t('control characters in refund --reason, confirm-orphan --note and settle-outside --note', async () => {
  const ers = '2'.repeat(25);
  const cases: Array<[string[], RegExp]> = [
    // the reason is printed on the refund receipt: ESC there is a printer command
    [['refund', ers, '--amount', '1.00', '--reason', 'broken\u001bp'], new RegExp(`--reason: ${RULE} \\(U\\+001B at character 7\\)`)],
    [['confirm-orphan', '--note', 'phone said\u0007 nothing'], new RegExp(`--note: ${RULE} \\(U\\+0007 at character 11\\)`)],
    [['settle-outside', '0b6c1b8e-0000-4000-8000-000000000001', '--note', 'cash\u0085'], new RegExp(`--note: ${RULE} \\(U\\+0085 at character 5\\)`)],
  ];
  for (const [args, msg] of cases) {
    const r = await runCli(args, env);
    assert.is(r.code, 2, `${JSON.stringify(args)}: ${r.stderr}`);
    assert.match(r.stderr, msg, JSON.stringify(args));
  }
});

t.run();
