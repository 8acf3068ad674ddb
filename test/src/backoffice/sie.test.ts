// SIE 4 output checked against the format's rules (guide §1): the worked example byte for byte
// (CP437, CRLF), #FLAGGA 0 first, #KONTO for each account used, every #VER balanced to 0 öre,
// numbers unquoted, texts ≤ 50, odd-öre VAT on the rounding account, accounts from config;
// and an independent CP437 reader re-reads the file to the same per-account sums.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CP437_TABLE_SIZE, decodeCp437, encodeCp437 } from '../../../src/backoffice/cp437.js';
import { sieFile, sieText, vouchers, voucherLines } from '../../../src/backoffice/sie.js';
import { DEFAULT_SIE } from '../../../src/backoffice/sie-settings.js';

const EXAMPLE = [
  '#FLAGGA 0',
  '#PROGRAM "glase-pos backoffice" 0.1.0',
  '#FORMAT PC8',
  '#GEN 20250312 "export"',
  '#SIETYP 4',
  '#ORGNR 556000-0000',
  '#FNAMN "Exempelbutiken AB"',
  '#VALUTA SEK',
  '#KONTO 1581 "Fordran Glase"',
  '#KONTO 2611 "Utgående moms på försäljning inom Sverige, 25 %"',
  '#KONTO 3001 "Försäljning inom Sverige, 25 % moms"',
  '#VER G "" 20250311 "Glase-köp 2025-03-11, butik 1" 20250312',
  '{',
  '#TRANS 1581 {} 1250.00',
  '#TRANS 3001 {} -1000.00',
  '#TRANS 2611 {} -250.00',
  '}',
  '#VER G "" 20250311 "Glase-återköp 2025-03-11, butik 1" 20250312',
  '{',
  '#TRANS 3001 {} 160.00',
  '#TRANS 2611 {} 40.00',
  '#TRANS 1581 {} -200.00',
  '}',
];

const example = () =>
  sieFile({
    settings: { ...DEFAULT_SIE, orgNr: '556000-0000' },
    vouchers: vouchers([{ day: '2025-03-11', kind: 'payment', sumOre: 125000 }, { day: '2025-03-11', kind: 'refund', sumOre: -20000 }], DEFAULT_SIE),
    generated: '20250312',
    version: '0.1.0',
  });

test('CP437 table: 128 characters; å ä ö Å Ä Ö are 86 84 94 8F 8E 99', () => {
  assert.is(CP437_TABLE_SIZE, 128);
  assert.equal([...encodeCp437('åäöÅÄÖ')], [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99]);
  assert.equal([...encodeCp437('€\t')], [0x3f, 0x20]);
});

test('the worked example of the guide, byte for byte, CP437 with CRLF', () => {
  const want = encodeCp437(EXAMPLE.join('\r\n') + '\r\n');
  const got = example();
  assert.ok(got.equals(want), decodeCp437(got));
  assert.ok(got.includes(Buffer.from([0x86])), 'å as 0x86');
  assert.not.ok(got.includes(Buffer.from('å', 'utf8')), 'no UTF-8');
});

/** An independent reader: CP437 → records; per-voucher balance and per-account sums in öre. */
function read(buf: Buffer) {
  const text = decodeCp437(buf);
  assert.ok(text.endsWith('\r\n'));
  const lines = text.split('\r\n').slice(0, -1);
  const sums = new Map<string, number>();
  const konto = new Set<string>();
  let open: number | undefined;
  let vers = 0;
  for (const l of lines) {
    assert.not.match(l, /\n|\r/);
    if (l.startsWith('#KONTO ')) konto.add(l.split(' ')[1]);
    if (l.startsWith('#VER ')) {
      vers++;
      const m = /^#VER (\S+) "" (\d{8}) "((?:[^"\\]|\\.)*)" (\d{8})$/.exec(l);
      assert.ok(m, `#VER fields: ${l}`);
      assert.ok(m![3].length <= 50);
    }
    if (l === '{') open = 0;
    if (l.startsWith('#TRANS ')) {
      const m = /^#TRANS (\d{4}) \{\} (-?\d+)\.(\d{2})$/.exec(l);
      assert.ok(m, `#TRANS fields, amount unquoted with two decimals: ${l}`);
      assert.ok(konto.has(m![1]), `#KONTO ${m![1]} before it is used`);
      const ore = (m![2].startsWith('-') ? -1 : 1) * (Math.abs(Number(m![2])) * 100 + Number(m![3]));
      open! += ore;
      sums.set(m![1], (sums.get(m![1]) ?? 0) + ore);
    }
    if (l === '}') {
      assert.is(open, 0, 'the voucher balances to 0 öre');
      open = undefined;
    }
  }
  return { lines, sums, vers };
}

test('rules: #FLAGGA 0 first, #SIETYP 4, no balances (4i), numbers unquoted, balanced vouchers; sums per account', () => {
  const { lines, sums, vers } = read(example());
  assert.is(lines[0], '#FLAGGA 0');
  assert.ok(lines.includes('#SIETYP 4'));
  assert.not.ok(lines.some((l) => /^#(IB|UB|OIB|OUB|RES|PSALDO)\b/.test(l)));
  assert.ok(lines.some((l) => /^#GEN \d{8} /.test(l)));
  assert.is(vers, 2);
  assert.equal(Object.fromEntries(sums), { '1581': 105000, '3001': -84000, '2611': -21000 });
});

test('odd-öre VAT at 12 %: the residue goes to the rounding account and the voucher still balances', () => {
  const s = { ...DEFAULT_SIE, vatRatePercent: 12, salesAccount: '3002', vatAccount: '2621' };
  const lines = voucherLines(14n, s);
  assert.equal(lines.map((l) => [l.account, Number(l.ore)]), [['1581', 14], ['3002', -13], ['2621', -2], ['3740', 1]]);
  const { sums } = read(sieFile({ settings: s, vouchers: vouchers([{ day: '2025-03-11', kind: 'payment', sumOre: 14 }], s), generated: '20250312', version: '0.1.0' }));
  assert.is(sums.get('3740'), 1);
});

test('accounts come from config; payment mode books only the claim against the clearing account', () => {
  const s = { ...DEFAULT_SIE, mode: 'payment' as const, glaseAccount: '1582', clearingAccount: '1990' };
  const { sums, lines } = read(sieFile({ settings: s, vouchers: vouchers([{ day: '2025-03-11', kind: 'payment', sumOre: 125000 }], s), generated: '20250312', version: '0.1.0' }));
  assert.equal(Object.fromEntries(sums), { '1582': 125000, '1990': -125000 });
  assert.not.ok(lines.some((l) => l.startsWith('#KONTO 1581') || l.startsWith('#KONTO 3001')));
});

test('texts: quotes escaped, cut at 50 characters, newlines and tabs become spaces', () => {
  assert.is(sieText('a "b"\tc'), '"a \\"b\\" c"');
  assert.is(sieText('x'.repeat(60)), `"${'x'.repeat(50)}"`);
});

test.run();
