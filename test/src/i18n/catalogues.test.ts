// The catalogues (src/i18n): sv and en have the same keys, no empty text, the same {names};
// every key the product uses exists; amounts and times come out in each locale's own way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { catalogue, groupRef, isLanguage, LANGUAGES, paperText, translator, type Message } from '../../../src/i18n/i18n.js';
import { currencyExponent } from '../../../src/lib/money.js';
import { ConfigError, envOverrides, parseConfig } from '../../../src/config.js';

const t = suite('i18n catalogues');
const root = new URL('../../../', import.meta.url).pathname;
const i18nDir = join(root, 'src', 'i18n');
const names = (m: Message) => [...(typeof m === 'string' ? [m] : Object.values(m)).join(' ').matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
const forms = (m: Message) => (typeof m === 'string' ? [m] : Object.values(m));

t('sv and en have exactly the same keys', () => {
  const sv = Object.keys(catalogue('sv')).sort();
  const en = Object.keys(catalogue('en')).sort();
  assert.equal(sv.filter((k) => !en.includes(k)), [], 'keys only in sv');
  assert.equal(en.filter((k) => !sv.includes(k)), [], 'keys only in en');
  assert.ok(en.length > 10);
});

t('no empty or untrimmed text, plural forms complete, the same {names} in both', () => {
  for (const lang of LANGUAGES) {
    for (const [key, m] of Object.entries(catalogue(lang))) {
      for (const f of forms(m)) {
        assert.type(f, 'string', `${lang} ${key}`);
        assert.ok(f!.trim().length > 0, `${lang} ${key} is empty`);
        assert.is(f, f!.trim(), `${lang} ${key} has spaces at an end`);
      }
      if (typeof m === 'object') assert.ok(m.other, `${lang} ${key} has no "other" plural form`);
    }
  }
  const sv = catalogue('sv');
  for (const [key, m] of Object.entries(catalogue('en'))) assert.equal(names(sv[key]), names(m), `${key}: the {names} differ between sv and en`);
});

t('the area files pair up (en/x.js ↔ sv/x.js), every one is in its index, no key in two areas', async () => {
  const areas = (lang: string) => readdirSync(join(i18nDir, lang)).filter((f) => f.endsWith('.js') && f !== 'index.js').sort();
  assert.equal(areas('sv'), areas('en'));
  for (const lang of LANGUAGES) {
    const seen = new Map<string, string>();
    let count = 0;
    for (const file of areas(lang)) {
      const mod = (await import(join(i18nDir, lang, file))) as { default: Record<string, Message> };
      for (const key of Object.keys(mod.default)) {
        assert.not.ok(seen.has(key), `${lang}: ${key} is in ${seen.get(key)} and ${file}`);
        seen.set(key, file);
        count++;
      }
    }
    assert.is(Object.keys(catalogue(lang)).length, count, `${lang}/index.js leaves an area file out`);
  }
});

/** every literal key passed to t('…') in the product's code */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|html)$/.test(name) && !name.endsWith('.d.ts') && !p.startsWith(i18nDir)) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\bt\(\s*'([a-z][\w-]*(?:\.[\w-]+)+)'/g)) used.set(m[1], p.slice(root.length));
        for (const m of text.matchAll(/data-i18n(?:-[a-z]+)?="([a-z][\w-]*(?:\.[\w-]+)+)"/g)) used.set(m[1], p.slice(root.length));
      }
    }
  };
  walk(join(root, 'src'));
  return used;
}

t("every key the product uses is in the catalogue", () => {
  const en = catalogue('en');
  const missing = [...usedKeys()].filter(([k]) => en[k] === undefined).map(([k, f]) => `${k} (${f})`);
  assert.equal(missing, []);
});

t('t() fills {names}, picks plural forms, and an unknown key shows itself', () => {
  const en = translator('en');
  assert.is(en.t('no.such.key'), 'no.such.key');
  assert.is(en.has('receipt.amount'), true);
  assert.is(translator('sv').t('receipt.amount'), 'Belopp');
});

const sek = (lang: 'sv' | 'en') => translator(lang, { decimals: currencyExponent });
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

t('amounts: sv "1 234,50 kr", en "1,234.50 SEK"; exact minor units, no float', () => {
  assert.is(plain(sek('sv').money(123450, 'SEK')), '1 234,50 kr');
  assert.is(plain(sek('sv').money(1250, 'SEK')), '12,50 kr');
  assert.is(plain(sek('sv').money(5, 'SEK')), '0,05 kr');
  assert.is(paperText(sek('sv').money(-1250, 'SEK')), '-12,50 kr');
  assert.is(sek('en').money(123450, 'SEK'), '1,234.50 SEK');
  assert.is(sek('en').money(1250, 'SEK'), '12.50 SEK');
  assert.is(sek('en').money(-5, 'SEK'), '-0.05 SEK');
  assert.is(sek('en').money(1234, 'JPY'), '1,234 JPY');
  // 2^53 - 1 öre: a float division would round the last digits
  assert.is(plain(sek('sv').money(Number.MAX_SAFE_INTEGER, 'SEK')), '90 071 992 547 409,91 kr');
  assert.is(plain(sek('sv').amount(123450, 'SEK')), '1 234,50');
  assert.is(sek('en').amount(123450, 'SEK'), '1,234.50');
  assert.equal([sek('sv').decimalSeparator, sek('en').decimalSeparator], [',', '.']);
  assert.throws(() => sek('sv').money(12.5, 'SEK'), /integer number of minor units/);
  assert.throws(() => translator('sv').money(1, 'SEK'), /decimals/);
});

t('times: local time with the zone, winter and summer', () => {
  for (const lang of LANGUAGES) {
    const tr = translator(lang);
    assert.is(tr.dateTime('2026-11-29T15:46:07Z', { timeZone: 'Europe/Stockholm' }), '2026-11-29 16:46:07 CET', lang);
    assert.is(tr.dateTime('2026-07-01T10:00:00Z', { timeZone: 'Europe/Stockholm', zone: false }), '2026-07-01 12:00:00', lang);
    assert.is(tr.dateTime('2026-07-01T10:00:00Z', { timeZone: 'Europe/Stockholm', seconds: false }), '2026-07-01 12:00 CEST', lang);
  }
  assert.is(translator('en').dateTime('not a date'), 'not a date');
});

t('ersReference in five groups of five: the last digit never stands alone', () => {
  assert.is(groupRef('2026112916000012345678901'), '20261 12916 00001 23456 78901');
  assert.is(groupRef(undefined), '');
});

t('config ui.language: sv or en, default en, a clear error naming the key and the rule', () => {
  assert.is(parseConfig({}).ui.language, 'en');
  assert.is(parseConfig({ ui: { language: 'sv' } }).ui.language, 'sv');
  assert.is(parseConfig(envOverrides({ GLASE_POS__UI__LANGUAGE: 'sv' })).ui.language, 'sv');
  try {
    parseConfig({ ui: { language: 'de' } });
    assert.unreachable('de was accepted');
  } catch (e) {
    assert.instance(e, ConfigError);
    assert.equal((e as ConfigError).problems, ['ui.language: must be one of sv, en']);
  }
  assert.ok(isLanguage('sv') && isLanguage('en') && !isLanguage('SV') && !isLanguage(undefined));
});

t.run();
