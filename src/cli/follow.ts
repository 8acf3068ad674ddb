// Follows one payment in the till to its end, for `pay` and `recover --wait`: shows its state
// (a line redrawn each second on a terminal, a line per change otherwise, or one JSON event
// per change with --json), asks "t = try again, c = cancel" when the window ran out, and turns
// Ctrl-C into a cancel request — never into abandoning a payment the customer may be paying.
import { createInterface } from 'node:readline';
import { translator, type Translator } from '../i18n/i18n.js';
import { currencyExponent } from '../lib/money.js';
import type { PaymentView } from '../till/index.js';
import { cliTranslator } from './language.js';
import type { CliTill } from './till.js';

const english = translator('en', { decimals: currencyExponent });

export interface FollowOptions {
  json: boolean;
}

const CANCEL_HINT = 'cancelling: the payment is over only when Glase confirms the cancel';
const KEEP_POLLING =
  'the till keeps asking Glase until it knows how this payment ended; it is never abandoned half way ' +
  '(an unacknowledged paid payment would be reversed by Glase). Wait a moment.';

export function jsonLine(o: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...o }) + '\n');
}

/** The state line: the state (for the operator), the amount and the till's words in the shop's language. */
function describe(v: PaymentView, tr: Translator): string {
  const parts = [`${v.state}`, tr.money(v.amount, v.currency), tr.fromServer(v.message)];
  if (v.notice) parts.push(`(${tr.fromServer(v.notice)})`);
  return parts.join(' — ');
}

export async function followPayment(t: CliTill, paymentId: string, o: FollowOptions): Promise<PaymentView> {
  const { till } = t;
  const tr = cliTranslator(t);
  const ttyOut = process.stdout.isTTY === true && !o.json;
  const ttyIn = process.stdin.isTTY === true;
  const started = Date.now();
  let view = till.payment(paymentId);
  let lastJson = '';
  let lastText = '';
  let asked = false;
  let interrupts = 0;

  const say = (line: string) => {
    if (o.json) jsonLine({ type: 'notice', paymentId, message: line });
    else process.stderr.write(`${ttyOut ? '\r\x1b[K' : ''}${tr.fromServer(line)}\n`); // --json keeps the English
  };
  const render = () => {
    if (!view || !ttyOut) return;
    process.stdout.write(`\r\x1b[K[${Math.floor((Date.now() - started) / 1000)} s] ${describe(view, tr)}`);
  };
  const show = (v: PaymentView) => {
    view = v;
    if (o.json) {
      const key = JSON.stringify(v);
      if (key !== lastJson) jsonLine({ type: 'payment', ...v });
      lastJson = key;
    } else {
      const text = describe(v, tr);
      if (text !== lastText) {
        if (ttyOut) process.stdout.write(lastText ? '\n' : '');
        else process.stdout.write(text + '\n');
      }
      lastText = text;
      render();
    }
    const question = v.canTryAgain && !v.final;
    if (question && !asked) {
      asked = true;
      if (ttyIn) say('t = try again, c = cancel');
      else if (!o.json) say('answer on stdin: "t" = try again, "c" = cancel');
      else jsonLine({ type: 'question', paymentId, choices: ['t', 'c'] });
    }
    if (!question) asked = false;
  };

  const answer = (a: 'try' | 'cancel') => {
    const ok = a === 'try' ? till.tryAgain() : till.cancel();
    if (!ok) say(a === 'try' ? 'nothing to try again right now' : `cannot cancel now (${view?.state ?? '?'})`);
    else if (a === 'cancel') say(CANCEL_HINT);
  };
  const interrupt = () => {
    interrupts++;
    const v = till.payment(paymentId);
    if (!v || v.final) return;
    if (interrupts === 1 && v.canCancel) {
      say('Ctrl-C: cancelling the payment…');
      answer('cancel');
    } else {
      say(KEEP_POLLING);
    }
  };

  const unsubscribe = till.subscribe((e) => {
    if (e.type === 'payment' && e.payment.paymentId === paymentId) show(e.payment);
  });
  process.on('SIGINT', interrupt);
  // SIGTERM (shutdown, kill): leave the payment in the store for the next start, restore the terminal
  const terminate = () => {
    if (ttyIn) process.stdin.setRawMode(false);
    say(`stopped: payment ${paymentId} is left unfinished; \`glase-pos recover --wait\` (or the daemon) resumes it`);
    process.exit(143);
  };
  process.once('SIGTERM', terminate);
  const ticker = ttyOut ? setInterval(render, 1000) : undefined;

  // input: single keys on a terminal (raw mode, so Ctrl-C arrives as a byte), lines from a pipe
  let rl: ReturnType<typeof createInterface> | undefined;
  const onKey = (chunk: string) => {
    for (const ch of chunk) {
      if (ch === '\u0003') interrupt();
      else if (ch === 't' || ch === 'T') answer('try');
      else if (ch === 'c' || ch === 'C') answer('cancel');
    }
  };
  if (ttyIn) {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onKey);
    process.stdin.resume();
  } else {
    rl = createInterface({ input: process.stdin });
    rl.on('line', (line) => {
      const w = line.trim().toLowerCase();
      if (w === 't' || w === 'try again' || w === 'try-again') answer('try');
      else if (w === 'c' || w === 'cancel') answer('cancel');
      else if (w) say(`unknown answer ${JSON.stringify(line.trim())}: "t" = try again, "c" = cancel`);
    });
  }

  try {
    if (view) show(view);
    const final = await till.waitForPayment(paymentId);
    show(final);
    if (ttyOut) process.stdout.write('\n');
    return final;
  } finally {
    unsubscribe();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', terminate);
    if (ticker) clearInterval(ticker);
    if (ttyIn) {
      process.stdin.off('data', onKey);
      process.stdin.setRawMode(false);
      process.stdin.pause();
    }
    rl?.close();
  }
}

/** The closing words for a finished payment (text mode), in the shop's language (cli.outcome.*). */
export function outcomeLine(v: PaymentView, tr: Translator = english): string {
  const amount = tr.money(v.amount, v.currency);
  const message = tr.fromServer(v.message);
  const notice = v.notice ? tr.fromServer(v.notice) : '';
  switch (v.outcome) {
    case 'completed':
      return tr.t('cli.outcome.paid', { amount, ers: v.ersReference }) + (v.recovered ? ` ${tr.t('cli.outcome.recovered')}` : '') + (notice ? ` — ${notice}` : '');
    case 'needsChecking':
      return tr.t('cli.outcome.needsChecking', { amount, message }) + (notice ? ` (${notice})` : '');
    case 'orphaned':
      return tr.t('cli.outcome.orphaned', { amount, message });
    default:
      return tr.t('cli.outcome.notPaid', { outcome: v.outcome ?? '', message }) + (v.reason ? ` [${v.reason}]` : '');
  }
}
