// SIE 4 (type 4i: vouchers only) for the accountant's import (Fortnox, Visma, …), following
// the rules in shared/guides/backoffice.md §1: CP437 bytes (#FORMAT PC8), CRLF, #FLAGGA 0 first,
// texts quoted (inner " as \"), numbers and dates bare, amounts with '.' and two decimals,
// debit positive, credit negative; each #VER's #TRANS lines sum to exactly 0 (integer öre).
// One voucher per day and kind (Glase payments, Glase refunds) over all tills.
import { encodeCp437 } from './cp437.js';
import type { SieSettings } from './sie-settings.js';

export interface DayKindTotal {
  day: string; // YYYY-MM-DD
  kind: 'payment' | 'refund';
  sumOre: number; // refunds negative
}

export interface Trans {
  account: string;
  ore: bigint;
}

export interface Voucher {
  date: string; // YYYYMMDD
  text: string;
  trans: Trans[];
}

const ACCOUNT_NAMES: Record<string, string> = {
  glase: 'Fordran Glase',
  sales: 'Försäljning inom Sverige, {rate} % moms',
  vat: 'Utgående moms på försäljning inom Sverige, {rate} %',
  rounding: 'Öres- och kronutjämning',
  clearing: 'Kassa',
};

/** round(a / b), halves away from zero, in integers */
function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const q = ((a < 0n ? -a : a) * 2n + (b < 0n ? -b : b)) / (2n * (b < 0n ? -b : b));
  return neg ? -q : q;
}

/** The voucher lines of one day's gross (positive for sales; a refund is the same reversed). */
export function voucherLines(gross: bigint, s: SieSettings): Trans[] {
  if (s.mode === 'payment') return [{ account: s.glaseAccount, ore: gross }, { account: s.clearingAccount, ore: -gross }];
  const r = BigInt(s.vatRatePercent);
  const vat = divRound(gross * r, 100n + r);
  const net = divRound(gross * 100n, 100n + r);
  const residue = gross - vat - net;
  const lines: Trans[] = gross >= 0n
    ? [{ account: s.glaseAccount, ore: gross }, { account: s.salesAccount, ore: -net }, { account: s.vatAccount, ore: -vat }]
    : [{ account: s.salesAccount, ore: -net }, { account: s.vatAccount, ore: -vat }, { account: s.glaseAccount, ore: gross }];
  if (residue !== 0n) lines.push({ account: s.roundingAccount, ore: -residue });
  return lines;
}

export function vouchers(totals: DayKindTotal[], s: SieSettings, shop = 'butik 1'): Voucher[] {
  return totals
    .filter((t) => t.sumOre !== 0)
    .map((t) => ({
      date: t.day.replaceAll('-', ''),
      text: `${t.kind === 'payment' ? 'Glase-köp' : 'Glase-återköp'} ${t.day}, ${shop}`,
      trans: voucherLines(BigInt(t.sumOre), s),
    }));
}

/** Öre as SIE writes amounts: 1250.00, -200.00 */
export function sieAmount(ore: bigint): string {
  const neg = ore < 0n;
  const a = neg ? -ore : ore;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** A text field: quoted, inner quotes escaped, at most 50 characters (Fortnox refuses longer). */
export function sieText(s: string): string {
  return `"${[...s.replace(/[\r\n\t]/g, ' ')].slice(0, 50).join('').replace(/\\/g, '').replace(/"/g, '\\"')}"`;
}

export function sieFile(o: { settings: SieSettings; vouchers: Voucher[]; generated: string; version: string }): Buffer {
  const s = o.settings;
  const names: Record<string, string> = {
    [s.glaseAccount]: ACCOUNT_NAMES.glase,
    [s.salesAccount]: ACCOUNT_NAMES.sales.replace('{rate}', String(s.vatRatePercent)),
    [s.vatAccount]: ACCOUNT_NAMES.vat.replace('{rate}', String(s.vatRatePercent)),
    [s.roundingAccount]: ACCOUNT_NAMES.rounding,
    [s.clearingAccount]: s.mode === 'payment' ? 'Kassaregistrets avräkning' : ACCOUNT_NAMES.clearing,
  };
  const used = [...new Set(o.vouchers.flatMap((v) => v.trans.map((t) => t.account)))].sort();
  const lines = [
    '#FLAGGA 0',
    `#PROGRAM "glase-pos backoffice" ${o.version}`,
    '#FORMAT PC8',
    `#GEN ${o.generated} "export"`,
    '#SIETYP 4',
    ...(s.orgNr ? [`#ORGNR ${s.orgNr}`] : []),
    `#FNAMN ${sieText(s.companyName)}`,
    '#VALUTA SEK',
    ...used.map((a) => `#KONTO ${a} ${sieText(names[a] ?? a)}`),
    ...o.vouchers.flatMap((v) => {
      const sum = v.trans.reduce((a, t) => a + t.ore, 0n);
      if (sum !== 0n) throw new Error(`voucher ${v.date} "${v.text}" does not balance (${sieAmount(sum)})`);
      return [`#VER ${s.series} "" ${v.date} ${sieText(v.text)} ${o.generated}`, '{', ...v.trans.map((t) => `#TRANS ${t.account} {} ${sieAmount(t.ore)}`), '}'];
    }),
  ];
  return encodeCp437(lines.join('\r\n') + '\r\n');
}
