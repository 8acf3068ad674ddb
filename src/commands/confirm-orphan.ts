// `glase-pos confirm-orphan [--by ID] [--note TEXT]`: after a lost sendInvoice reply the till
// refuses new Glase payments until a cashier has checked with the customer (did a payment go
// through on the phone?) and confirms here. The confirmation is audited.
import { openStore } from '../store/store.js';
import { confirmOrphan } from '../till/index.js';
import { unprintable } from '../lib/printable.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { cliMoney, cliTime, said, useShopLanguage } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';

const HELP = `usage: glase-pos confirm-orphan [--by ID] [--note TEXT] [--config FILE]

  --by ID         who checked it (default "cashier"); kept in the audit log
  --note TEXT     what the customer's phone showed, for the audit log
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('confirm-orphan', async () => {
    const { values } = parseCommand(argv, { by: { type: 'string' }, note: { type: 'string' }, config: { type: 'string' } }, HELP);
    if (values.by !== undefined && !/^[\w.@-]{1,40}$/.test(values.by)) throw usage('--by', 'must be 1-40 letters, digits, ".", "_", "@" or "-"');
    if (values.note !== undefined && values.note.length > 200) throw usage('--note', 'must be at most 200 characters');
    const badNote = values.note !== undefined ? unprintable(values.note) : undefined; // shown in the audit log and status
    if (badNote) throw usage('--note', badNote);
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    try {
      // the till's own confirmation, without starting a till (nothing to resume here)
      const o = confirmOrphan(store, values.by ?? 'cashier', new Date().toISOString(), values.note);
      if (!o) throw new CommandExit(EXIT.failed, 'there is no unconfirmed payment to confirm');
      console.log(said(`confirmed ${o.clientInvoiceId} (${cliMoney(o.amount, o.currency)}, ${cliTime(o.at)}); Glase payments may start again`));
      return EXIT.ok;
    } finally {
      store.close();
    }
  });
}
