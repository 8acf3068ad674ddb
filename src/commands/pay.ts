// `glase-pos pay --amount 12.50 [--rows FILE] [--cashier ID] [--json]`: takes one Glase
// payment in this process through the till runtime. Unfinished payments are resumed (and
// followed to their end) first. Exit 0 = paid, 1 = cancelled/failed/refused, 2 = bad usage.
import { readFileSync } from 'node:fs';
import { AmountFormatError, maxAmountMinor, parseAmount } from '../lib/money.js';
import { rowsFailure } from '../../machines/payment-rules.js';
import { unprintable } from '../lib/printable.js';
import type { InvoiceRow } from '../glase/types.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { noServerMessage } from '../cli/glase.js';
import { parseCommand } from '../cli/args.js';
import { followPayment, jsonLine, outcomeLine } from '../cli/follow.js';
import { cliMoney, cliTranslator, said } from '../cli/language.js';
import { jsonSyntaxWhere } from '../lib/json-syntax.js';
import { CLIENT_INVOICE_ID_PATTERN, CLIENT_INVOICE_ID_RULE } from '../../machines/client-invoice-id.js';

const HELP = `usage: glase-pos pay --amount AMOUNT [--rows FILE] [--cashier ID] [--title TEXT] [--client-invoice-id ID] [--json] [--config FILE]

  --amount AMOUNT  the Glase amount, e.g. 12.50 (at most the currency's decimals)
  --rows FILE      invoice rows as JSON: [{"description": "Coffee", "quantity": "2", "amount": "9.00"}, …]
                   (amounts are row totals; they must sum to --amount; negative rows balance)
  --cashier ID     the cashier's id, sent with the invoice and kept on the receipt
  --title TEXT     the invoice title the customer sees (default "Purchase")
  --client-invoice-id ID
                   the host POS's own id for this sale, sent to Glase and kept on the receipt
                   (default: the till makes one); refused while a payment with it is unfinished
  --json           one JSON event per line (every change of the payment, then a "result" line)
  --config FILE    config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

While it waits: after the window (30 s) it asks "t = try again, c = cancel" (on stdin when
not a terminal), and Ctrl-C asks Glase to cancel. Exit 0 paid, 1 not paid, 2 bad usage.`;

const MAX_ROWS = 200;

function readRows(file: string, currency: string, total: number): InvoiceRow[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ? `cannot be read (${(e as NodeJS.ErrnoException).code})` : `is not valid JSON (${jsonSyntaxWhere(e)})`;
    throw usage('--rows', `${file} ${why}`);
  }
  if (!Array.isArray(json) || json.length === 0 || json.length > MAX_ROWS) throw usage('--rows', `must be a JSON array of 1-${MAX_ROWS} rows`);
  const rows = json.map((r: unknown, i): InvoiceRow => {
    const at = `--rows: row ${i + 1}`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new CommandExit(EXIT.usage, `${at}: must be an object with description, quantity, amount`);
    const { description, quantity = '1', amount, ...rest } = r as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw new CommandExit(EXIT.usage, `${at}: unknown field(s) ${Object.keys(rest).join(', ')}`);
    if (typeof description !== 'string' || description.trim() === '' || description.length > 100) throw new CommandExit(EXIT.usage, `${at}: description must be 1-100 characters`);
    const bad = unprintable(description);
    if (bad) throw new CommandExit(EXIT.usage, `${at}: description ${bad}`);
    const q = typeof quantity === 'number' ? String(quantity) : quantity;
    if (typeof q !== 'string' || !/^\d+(\.\d{1,3})?$/.test(q)) throw new CommandExit(EXIT.usage, `${at}: quantity must be a decimal like "1" or "0.250"`);
    if (typeof amount !== 'string') throw new CommandExit(EXIT.usage, `${at}: amount must be a decimal string like "12.50"`);
    let minor: number;
    try {
      minor = parseAmount(amount, currency);
    } catch (e) {
      if (e instanceof AmountFormatError) throw new CommandExit(EXIT.usage, `${at}: ${e.message}`);
      throw e;
    }
    return { itemDescription: description, itemQuantity: q, itemTotalAmount: { minor, currency } };
  });
  // the till's own rule: each row within the currency's largest amount, summed exactly
  const failure = rowsFailure(rows, total, currency, maxAmountMinor(currency));
  if (failure) throw usage('--rows', failure.message);
  return rows;
}

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('pay', async () => {
    const { values } = parseCommand(
      argv,
      { amount: { type: 'string' }, rows: { type: 'string' }, cashier: { type: 'string' }, title: { type: 'string' }, 'client-invoice-id': { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } },
      HELP,
    );
    if (values.amount === undefined) throw usage('--amount', 'is required, e.g. --amount 12.50', HELP);
    const config = commandConfig(values.config, src);
    const currency = config.terminal.currency;
    let amount: number;
    try {
      amount = parseAmount(values.amount, currency);
    } catch (e) {
      if (e instanceof AmountFormatError) throw usage('--amount', e.message.replace(/^amount /, ''));
      throw e;
    }
    if (amount <= 0) throw usage('--amount', 'must be more than 0');
    if (amount > maxAmountMinor(currency)) throw usage('--amount', `must be at most ${cliMoney(maxAmountMinor(currency), currency)}`);
    if (values.cashier !== undefined && !/^[\w.@-]{1,40}$/.test(values.cashier)) throw usage('--cashier', 'must be 1-40 letters, digits, ".", "_", "@" or "-"');
    if (values.title !== undefined && (values.title.trim() === '' || values.title.length > 100)) throw usage('--title', 'must be 1-100 characters');
    const badTitle = values.title !== undefined ? unprintable(values.title) : undefined;
    if (badTitle) throw usage('--title', badTitle);
    const clientInvoiceId = values['client-invoice-id'];
    if (clientInvoiceId !== undefined && !CLIENT_INVOICE_ID_PATTERN.test(clientInvoiceId)) throw usage('--client-invoice-id', CLIENT_INVOICE_ID_RULE);
    const rows = values.rows !== undefined ? readRows(values.rows, currency, amount) : undefined;
    const json = values.json === true;

    const t = await openCliTill(config);
    try {
      return await closing(t, async () => {
        // a payment left unfinished by a crash comes first: it may already be paid
        for (const id of t.resumed) {
          if (json) jsonLine({ type: 'resumed', paymentId: id });
          else console.error(said(`resuming unfinished payment ${id} first`));
          const v = await followPayment(t, id, { json });
          if (!json) console.error(outcomeLine(v, cliTranslator(t)));
        }
        const r = t.till.startPayment({ amount, rows, cashierId: values.cashier, title: values.title, clientInvoiceId });
        if (!r.ok) {
          const hint: Record<string, string> = {
            online: ` — ${noServerMessage(config)}`,
            'orphan-confirmed': ' — run `glase-pos confirm-orphan` after checking with the customer',
            registered: ' — run `glase-pos register --reseller ID --user ID`',
            'glase-id': ' — run `glase-pos assign-id <GLASEID>`',
          };
          const why = r.message + (hint[r.rule] ?? '');
          if (json) jsonLine({ type: 'result', outcome: 'refused', rule: r.rule, message: why, exitCode: EXIT.failed });
          else console.error(said(`glase-pos pay: refused (${r.rule}): ${why}`));
          return EXIT.failed;
        }
        if (json) jsonLine({ type: 'started', paymentId: r.paymentId, clientInvoiceId: r.payment.clientInvoiceId, amount, currency });
        const v = await followPayment(t, r.paymentId, { json });
        const code = v.outcome === 'completed' ? EXIT.ok : EXIT.failed;
        if (json) jsonLine({ type: 'result', paymentId: v.paymentId, outcome: v.outcome, ersReference: v.ersReference ?? null, message: v.message, exitCode: code });
        else console.log(outcomeLine(v, cliTranslator(t)));
        return code;
      });
    } finally {
      if (!process.stdin.isTTY) process.stdin.destroy();
    }
  });
}
