// Every sentence the till's machines send to the screen and the CLI (payment states, Glase
// result codes per operation, readiness reasons) is in the catalogue, so a Swedish shop never
// sees an English sentence from the till: translator.fromServer finds it by its English text.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { translator } from '../../../src/i18n/i18n.js';
import { currencyExponent, displayAmount } from '../../../src/lib/money.js';
import { TEXT, badReferenceNotice, codeMessage, unknownStatusMessage, type GlaseOp } from '../../../machines/messages.js';
import { readinessOf } from '../../../machines/readiness.js';
import { REFUND_TEXT, refundCodeMessage } from '../../../machines/refund-messages.js';
import { CLOSE_TEXT } from '../../../machines/day-close.js';
import { startRuleFailure } from '../../../machines/payment-rules.js';
import { STORAGE_FULL_REFUSAL } from '../../../src/till/day-close.js';

const t = suite('the till sentences in the catalogue');
const sv = translator('sv');
const en = translator('en');
const OPS: GlaseOp[] = ['registerTerminal', 'unregisterTerminal', 'assignSeqrId', 'sendInvoice', 'getPaymentStatus', 'cancelInvoice', 'updateInvoice', 'submitPaymentReceipt'];

function sentences(): string[] {
  const all = new Set<string>(Object.values(TEXT));
  for (const op of OPS) for (let code = 0; code < 100; code++) all.add(codeMessage(op, code));
  const contexts = [
    { registered: false, glaseIdAssigned: false, serverReachable: false, printerReady: false, printerReason: 'out of paper', paymentInProgress: true, storageFull: true },
    { registered: true, glaseIdAssigned: false, paymentInProgress: false, printerReady: false },
  ];
  for (const c of contexts) for (const r of readinessOf(c).reasons) all.add(r.message);
  all.add(badReferenceNotice('24 digits, not 25'));
  all.add(unknownStatusMessage('WEIRD'));
  return [...all];
}

t('every machine sentence has a Swedish text; English comes back unchanged', () => {
  const untranslated = sentences().filter((s) => sv.fromServer(s) === s);
  assert.equal(untranslated, []);
  for (const s of sentences()) assert.is(en.fromServer(s), s);
});

t('{names} carry the changing part, translated too when it is a known sentence', () => {
  assert.is(sv.fromServer('the receipt printer is not ready: out of paper'), 'kvittoskrivaren är inte redo: slut på papper');
  assert.is(sv.fromServer(codeMessage('sendInvoice', 77)), 'Glase svarade med kod 77; ring Glase support om det händer igen');
  assert.is(sv.fromServer('something the catalogue does not know'), 'something the catalogue does not know');
  assert.is(sv.fromServer(undefined), '');
});

t('the refund and day-close sentences (every refund code, every close step) have a Swedish text', () => {
  const all = new Set<string>(Object.values(REFUND_TEXT));
  for (let code = 0; code < 100; code++) all.add(refundCodeMessage(code));
  for (const v of Object.values(CLOSE_TEXT)) if (typeof v === 'string') all.add(v);
  for (const s of [CLOSE_TEXT.markRefused(20), CLOSE_TEXT.markRefused(20, 'INVALID_CREDENTIALS'), CLOSE_TEXT.readRefused(7), CLOSE_TEXT.readRefused(7, 'X'), CLOSE_TEXT.readFault('bad XML'), CLOSE_TEXT.notReady(5), CLOSE_TEXT.notYet(2, 5)]) all.add(s);
  const untranslated = [...all].filter((s) => sv.fromServer(s) === s);
  assert.equal(untranslated, []);
  for (const s of all) assert.is(en.fromServer(s), s);
  assert.is(sv.fromServer(CLOSE_TEXT.notYet(2, 5)), 'Glases rapport är inte klar än (försök 2 av 5)');
  // the till's own sentence wins over the CLI's wider 'refund {id}: {outcome}'
  assert.is(sv.fromServer('refund post written: 4.00 SEK back'), 'återbetalningspost skriven: 4.00 SEK tillbaka');
  assert.is(sv.fromServer(CLOSE_TEXT.markRefused(20, 'BAD')), 'Glase vägrade stänga transaktionsperioden (kod 20 BAD); kontrollera återförsäljar-id, användare och lösenord');
});

t('the day close and payment start refusals (storage full included) have a Swedish text', () => {
  const ok = { registered: true, glaseIdAssigned: true, serverReachable: true, amountLimit: 100_000_000 };
  const req = { amount: 1000, currency: 'SEK', clientInvoiceId: 'R-1' };
  const checks = [
    { ...ok, clientInvoiceIdOpen: true }, { ...ok, paymentInProgress: true }, { ...ok, storageFull: true },
    { ...ok, orphanUnconfirmed: true }, { ...ok, registered: false }, { ...ok, glaseIdAssigned: false },
    { ...ok, serverReachable: false }, { ...ok, printerReady: false }, { ...ok, printerReady: false, printerReason: 'out of paper' },
  ];
  const all = checks.map((c) => startRuleFailure(req, c)?.message ?? 'no refusal');
  all.push(STORAGE_FULL_REFUSAL.message,
    'a Glase payment is in progress; close the day when it has ended', 'a refund is in progress; close the day when it has ended');
  const untranslated = all.filter((s) => sv.fromServer(s) === s);
  assert.equal(untranslated, []);
  for (const s of all) assert.is(en.fromServer(s), s);
  assert.is(sv.fromServer(STORAGE_FULL_REFUSAL.message), 'kassans lagring är full; dagen avslutades inte och inget skickades till Glase; ring support');
  assert.is(sv.fromServer(startRuleFailure(req, { ...ok, printerReady: false, printerReason: 'out of paper' })?.message),
    'kvittoskrivaren är inte redo (slut på papper); åtgärda det före en Glase-betalning');
});

t('an amount inside a till sentence is said in the language (read back as minor units); English as sent', () => {
  const svMoney = translator('sv', { decimals: currencyExponent });
  const enMoney = translator('en', { decimals: currencyExponent });
  const rule = `${refundCodeMessage(98)}: at most 1234.50 SEK of 12345.00 SEK can still be refunded`;
  assert.is(svMoney.fromServer(rule).replace(/\u00a0/g, ' '), 'återbetalningarna skulle bli mer än betalningen; inget återbetalades: högst 1 234,50 kr av 12 345,00 kr kan fortfarande återbetalas');
  assert.is(enMoney.fromServer(rule), rule);
  assert.is(svMoney.fromServer('refund of 4.00 SEK created by eve').replace(/\u00a0/g, ' '), 'återbetalning på 4,00 kr skapad av eve');
  assert.is(svMoney.fromServer('refund post written: -0.50 SEK back').replace(/\u00a0/g, ' '), 'återbetalningspost skriven: \u22120,50 kr tillbaka');
  // not an amount of that currency's digits: left as written
  assert.is(svMoney.fromServer('refund of 4.0 SEK created by eve'), 'återbetalning på 4.0 SEK skapad av eve');
  assert.is(svMoney.fromServer('refund of 4 JPY created by eve').replace(/\u00a0/g, ' '), 'återbetalning på 4 JPY skapad av eve');
});

t('the amount rules of a payment start say money, in the language (they said minor units, in English only)', () => {
  const svMoney = translator('sv', { decimals: currencyExponent });
  const money = (minor: number) => displayAmount(minor, 'SEK');
  const ok = { registered: true, glaseIdAssigned: true, serverReachable: true, amountLimit: 100_000_000, money, maxAmount: 20_000, maxAmountText: money(20_000) };
  const req = { amount: 12_500, currency: 'SEK', receiptTotal: 15_000, alreadyPaid: 5_000 };
  const over = startRuleFailure(req, ok)!;
  assert.is(over.message, "the Glase part (125.00 SEK) is more than what is left to pay (100.00 SEK); Glase is the last tender (raising it needs the cashier's confirmation)");
  assert.is(svMoney.fromServer(over.message).replace(/\u00a0/g, ' '), 'Glase-delen (125,00 kr) är mer än det som återstår att betala (100,00 kr); Glase är sista betalsättet (att höja den kräver kassörens bekräftelse)');
  const raised = startRuleFailure({ ...req, amount: 25_000, confirmRaise: true }, ok)!;
  assert.is(svMoney.fromServer(raised.message).replace(/\u00a0/g, ' '), 'Glase-beloppet får höjas över det som återstår bara upp till 200,00 kr (payment.maxAmount)');
  const limit = startRuleFailure({ amount: 100_000_001, currency: 'SEK' }, ok)!;
  assert.is(limit.message, 'the amount (1000000.01 SEK) is more than the largest Glase payment (1000000.00 SEK)');
  assert.is(svMoney.fromServer(limit.message).replace(/\u00a0/g, ' '), 'beloppet (1 000 000,01 kr) är mer än den största Glase-betalningen (1 000 000,00 kr)');
});

t.run();
