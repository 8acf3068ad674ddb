// `glase-pos journal [--payment ID] [--limit N] [--json]`: the payments journal, oldest first.
import { openStore } from '../store/store.js';
import { EXIT, runCommand, usage } from '../cli/exit.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';


const HELP = `usage: glase-pos journal [--payment ID] [--limit N] [--json] [--config FILE]

  --payment ID    only this payment (its paymentId)
  --limit N       the last N rows (1-10000, default 50; all rows of a payment with --payment)
  --json          one JSON object per line
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('journal', async () => {
    const { values } = parseCommand(argv, { payment: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, HELP);
    let limit: number | undefined;
    if (values.limit !== undefined) {
      if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > 10_000) throw usage('--limit', 'must be a whole number from 1 to 10000');
      limit = Number(values.limit);
    }
    if (values.payment !== undefined && !/^[0-9a-f-]{36}$/i.test(values.payment)) throw usage('--payment', 'must be a paymentId (a UUID, as shown by `glase-pos journal`)');
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    let rows;
    try {
      rows = values.payment ? store.journal.forPayment(values.payment) : store.journal.recent(limit ?? 50).reverse();
      if (values.payment && limit !== undefined) rows = rows.slice(-limit);
    } finally {
      store.close();
    }
    if (values.json) {
      for (const r of rows) console.log(JSON.stringify(r));
      return EXIT.ok;
    }
    if (rows.length === 0) {
      console.log(values.payment ? `no journal rows for payment ${values.payment}` : 'the journal is empty');
      return values.payment ? EXIT.failed : EXIT.ok;
    }
    for (const r of rows) {
      const ref = r.invoiceReference ? ` ref=${r.invoiceReference}` : '';
      const ver = r.version !== undefined ? ` v${r.version}` : '';
      const code = r.resultCode !== undefined ? ` code=${r.resultCode}` : '';
      const ers = r.ersReference ? ` ers=${r.ersReference}` : '';
      console.log(`${r.at}  ${r.paymentId.slice(0, 8)}  ${r.state.padEnd(20)}${ref}${ver}${code}${ers}  ${r.message ?? ''}`);
    }
    return EXIT.ok;
  });
}
