// `glase-pos export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json [--out FILE]`: the till's
// Glase account for the dates (the shop's local dates, inclusive): every payment and refund with
// its references, amount, cashier and Z number, for a shop without a back office. Read-only.
import { writeFileSync } from 'node:fs';
import { openStore } from '../store/store.js';
import { exportRows, toCsv } from '../reconcile/export-rows.js';
import { EXIT, runCommand, usage } from '../cli/exit.js';
import { said, useShopLanguage } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';

const HELP = `usage: glase-pos export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json [--out FILE] [--config FILE]

  --from, --to   the first and last day (the shop's local dates, inclusive)
  --format       csv (RFC 4180, header line, amounts as decimals) or json (one array, amounts in minor units too)
  --out FILE     write there (0600) instead of stdout
  --config FILE  config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('export', async () => {
    const { values } = parseCommand(argv, { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } }, HELP);
    for (const k of ['from', 'to'] as const) {
      const v = values[k];
      if (v === undefined) throw usage(`--${k}`, 'is required, e.g. 2026-11-29', HELP);
      if (!realDay(v)) throw usage(`--${k}`, 'must be a date YYYY-MM-DD');
    }
    if (values.from! > values.to!) throw usage('--to', 'must not be before --from');
    if (values.format !== 'csv' && values.format !== 'json') throw usage('--format', 'must be csv or json', HELP);
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    let text: string;
    let count: number;
    try {
      const z = store.dayCloses.zNumbers();
      const rows = exportRows(store.posts.all(), (ers) => z.get(ers), values.from!, values.to!);
      count = rows.length;
      text = values.format === 'csv' ? toCsv(rows) : JSON.stringify(rows, null, 2) + '\n';
    } finally {
      store.close();
    }
    if (values.out) {
      writeFileSync(values.out, text, { mode: 0o600 });
      console.error(said(`${count} transaction(s) written to ${values.out}`));
    } else process.stdout.write(text);
    return EXIT.ok;
  });
}
