// `glase-pos journal [--payment ID] [--limit N] [--json]`: the payments journal, oldest first.
// Text rows show the first 8 characters of each paymentId; --payment takes any unique prefix.
// Times are local with their UTC offset; amounts are money ("12.50 SEK").
import { openStore } from '../store/store.js';
import type { JournalEntry } from '../store/journal.js';
import { resolvePaymentId } from '../cli/payment-id.js';
import { displayAmount, isKnownCurrency } from '../lib/money.js';
import { EXIT, runCommand, usage } from '../cli/exit.js';
import { cliText, cliTime, said, useShopLanguage } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';

const HELP = `usage: glase-pos journal [--payment ID] [--limit N] [--json] [--config FILE]

  --payment ID    only this payment: its paymentId, or the start of it (e.g. the 8 characters
                  the journal shows) when no other payment starts the same way
  --limit N       the last N rows (1-10000, default 50; all rows of a payment with --payment)
  --json          one JSON object per line (times in UTC, as stored)
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

const SHORT = 8;

// rows written before amounts were journaled as money read "1250 SEK minor units"
const LEGACY_AMOUNT = /(-?\d+) ([A-Z]{3}) minor units/g;
const money = (text: string) => text.replace(LEGACY_AMOUNT, (all, n: string, cur: string) => (isKnownCurrency(cur) && Number.isSafeInteger(Number(n)) ? displayAmount(Number(n), cur) : all));

function textLine(r: JournalEntry): string {
  const ref = r.invoiceReference ? ` ref=${r.invoiceReference}` : '';
  const ver = r.version !== undefined ? ` v${r.version}` : '';
  const code = r.resultCode !== undefined ? ` code=${r.resultCode}` : '';
  const ers = r.ersReference ? ` ers=${r.ersReference}` : '';
  // the till's sentence in the shop's language; en converts amounts of old rows as it always did
  const message = cliText().lang === 'en' ? money(r.message ?? '') : said(r.message ?? '');
  return `${cliTime(r.at)}  ${r.paymentId.slice(0, SHORT)}  ${r.state.padEnd(20)}${ref}${ver}${code}${ers}  ${message}`;
}

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('journal', async () => {
    const { values } = parseCommand(argv, { payment: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, HELP);
    let limit: number | undefined;
    if (values.limit !== undefined) {
      if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > 10_000) throw usage('--limit', 'must be a whole number from 1 to 10000');
      limit = Number(values.limit);
    }
    if (values.payment !== undefined && !/^[0-9a-f-]{1,36}$/i.test(values.payment)) {
      throw usage('--payment', 'must be a paymentId or its start: 1-36 hex digits and dashes (as `glase-pos journal` shows)');
    }
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    let rows: JournalEntry[];
    try {
      const id = values.payment !== undefined ? resolvePaymentId(store.journal, values.payment, '--payment') : undefined;
      rows = id ? store.journal.forPayment(id) : store.journal.recent(limit ?? 50).reverse();
      if (id && limit !== undefined) rows = rows.slice(-limit);
    } finally {
      store.close();
    }
    if (values.json) {
      for (const r of rows) console.log(JSON.stringify(r));
      return EXIT.ok;
    }
    if (rows.length === 0) {
      console.log(said('the journal is empty'));
      return EXIT.ok;
    }
    for (const r of rows) console.log(textLine(r));
    return EXIT.ok;
  });
}
