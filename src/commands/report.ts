// `glase-pos report --z N | --period ID | --list [--json] [--print]`: a stored Z report, by its
// number or by a transaction period it read, or the list of Z reports. --print queues a COPY
// for the printer (the running till prints it; see reprint). Read-only otherwise.
import { openStore } from '../store/store.js';
import type { StoredZ } from '../store/day-closes.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { cliMoney, cliTime, said, useShopLanguage } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';
import { reprintZ } from '../till/index.js';
import { deliver } from './reprint.js';
import { zText } from '../cli/z-text.js';

const HELP = `usage: glase-pos report (--z N | --period ID | --list) [--json] [--print] [--config FILE]

  --z N          the Z report numbered N
  --period ID    the Z report that read this Glase transaction period (25 digits)
  --list         every Z report, newest first (number, period, verdict, net)
  --json         the report as JSON (the record a back office receives)
  --print        also print it again, marked COPY
  --config FILE  config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('report', async () => {
    const { values } = parseCommand(argv, { z: { type: 'string' }, period: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' }, print: { type: 'boolean' }, config: { type: 'string' } }, HELP);
    const modes = [values.z !== undefined, values.period !== undefined, values.list === true].filter(Boolean).length;
    if (modes !== 1) throw usage('arguments', 'give one of --z N, --period ID or --list', HELP);
    if (values.z !== undefined && !/^[1-9]\d{0,8}$/.test(values.z)) throw usage('--z', 'must be a Z number (1, 2, …)');
    if (values.period !== undefined && !/^\d{25}$/.test(values.period)) throw usage('--period', 'must be the 25-digit transaction period id');
    if (values.list && values.print) throw usage('--print', 'prints one report: give --z or --period');
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    try {
      if (values.list) {
        const all = store.dayCloses.list(10_000);
        if (values.json) console.log(JSON.stringify(all.map(out)));
        else if (all.length === 0) console.log(said('no Z report yet'));
        else for (const z of all) console.log(said(`Z ${z.report.zNumber}  ${cliTime(z.report.closedAt)}  period ${z.report.periodId}  net ${cliMoney(z.report.till.net, z.report.currency)}  ${z.report.verdict}${z.acknowledged ? ' (acknowledged)' : ''}`));
        return EXIT.ok;
      }
      const z = values.z !== undefined ? store.dayCloses.z(Number(values.z)) : store.dayCloses.zOfPeriod(values.period!);
      if (!z) throw new CommandExit(EXIT.failed, values.z !== undefined ? `no Z report ${values.z}` : `no Z report read period ${values.period}`);
      if (values.json) console.log(JSON.stringify(out(z), null, 2));
      else console.log(zText(config, z.report, values.print === true) + (z.acknowledged ? `\nacknowledged by ${z.acknowledged.by} at ${z.acknowledged.at}${z.acknowledged.note ? `: ${z.acknowledged.note}` : ''}` : ''));
      if (!values.print) return EXIT.ok;
      const job = reprintZ({ store, tillName: config.terminal.externalTerminalId, nowIso: () => new Date().toISOString() }, z.report.zNumber, 'cli');
      console.error(said(`queued a COPY of Z ${z.report.zNumber} (print job ${job.id})`));
      return await deliver(config, store, job.id);
    } finally {
      store.close();
    }
  });
}

const out = (z: StoredZ) => ({ ...z.report, ...(z.acknowledged ? { acknowledged: z.acknowledged } : {}) });
