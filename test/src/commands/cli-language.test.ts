// The CLI's human output in the shop's language (ui.language sv, or the admin's choice kept in
// the store): status, journal, register, assign-id, usage errors before and after the config is
// read, Swedish money; --json stays English and machine-readable. The English wording is
// asserted by the other command tests (they run in en).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../../src/store/store.js';
import { chooseShopLanguage } from '../../../src/store/shop-language.js';
import { RESELLER, runCli, startEnv, type Env } from './_cli.js';

const t = suite('glase-pos commands in Swedish');
let e: Env;
let sv: NodeJS.ProcessEnv;
t.before(async () => {
  e = await startEnv();
  sv = { ...e.env, GLASE_POS__UI__LANGUAGE: 'sv' };
});
t.after(async () => {
  await e.sim.close();
  rmSync(e.dir, { recursive: true, force: true });
});
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

t('status: Swedish labels, values and problems; --json keeps English keys and problems', async () => {
  const r = await runCli(['status'], sv);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stdout, /^registrering +inte registrerad$/m);
  assert.match(r.stdout, /^Glase-server +\S+ nås$/m);
  assert.match(r.stdout, /^betalningar +ingen oavslutad$/m);
  assert.match(r.stdout, /^lagring +databas \d+,\d MB \(\d+,\d MB ledigt inuti\)/m);
  assert.match(r.stdout, /^INTE redo:\n {2}- inte registrerad: kör `glase-pos register --reseller ID --user ID`$/m);
  assert.not.match(r.stdout, /registration|not registered|NOT ready/);
  const j = await runCli(['status', '--json'], sv);
  const s = JSON.parse(j.stdout);
  assert.is(s.registered, false);
  assert.match(s.problems[0], /^not registered: run `glase-pos register/);
});

t('usage errors in Swedish, before and after the config is read; the help stays as written', async () => {
  const bad = await runCli(['journal', '--bogus'], sv);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /^glase-pos journal: argument: Okänd flagga '--bogus'\n\nusage: glase-pos journal/);
  const ers = await runCli(['refund', '123', '--amount', '4,00'], sv);
  assert.is(ers.code, 2);
  assert.match(ers.stderr, /^glase-pos refund: ersReference: måste vara de 25 siffrorna som står under kvittots streckkod$/m);
  const zero = await runCli(['refund', '2'.repeat(25), '--amount', '0'], sv);
  assert.match(zero.stderr, /--amount: måste vara mer än 0/);
  const big = await runCli(['pay', '--amount', '2000000'], sv);
  assert.is(big.code, 2);
  assert.match(plain(big.stderr), /--amount: får vara högst 1 000 000,00 kr/);
  const limit = await runCli(['journal', '--limit', '0'], sv);
  assert.match(limit.stderr, /--limit: måste vara ett heltal från 1 till 10000/);
});

t('register (wrong password, then right), assign-id and journal speak Swedish', async () => {
  const wrong = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], sv, 'not-the-password\n');
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, /^glase-pos register: inte registrerad: /);
  const empty = await runCli(['journal'], sv);
  assert.is(empty.stdout.trim(), 'journalen är tom');
  const ok = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], sv, RESELLER.password + '\n');
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^registrerad: terminalId \w+\nnästa steg: glase-pos assign-id <GLASEID>/);
  const again = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], sv, RESELLER.password + '\n');
  assert.match(again.stderr, /kassan är redan registrerad \(terminalId \w+\); kör `glase-pos unregister` först/);
  const id = await runCli(['assign-id', 'GLASESV1'], sv);
  assert.is(id.code, 0, id.stderr);
  assert.match(id.stdout, /Glase-ID GLASESV1 tilldelat; kassan är redo för Glase-betalningar/);
  const st = await runCli(['status'], sv);
  assert.match(st.stdout, /^redo för Glase-betalningar$/m);
});

t("the admin's choice kept in the store wins over the config's en", async () => {
  const store = openStore(join(e.dir, 'data'));
  try {
    chooseShopLanguage(store.settings, 'sv');
  } finally {
    store.close();
  }
  const r = await runCli(['status'], e.env);
  assert.match(r.stdout, /^redo för Glase-betalningar$/m);
  const s2 = openStore(join(e.dir, 'data'));
  chooseShopLanguage(s2.settings, 'en');
  s2.close();
  assert.match((await runCli(['status'], e.env)).stdout, /^ready for Glase payments$/m);
});

t.run();
