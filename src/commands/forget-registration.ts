// `glase-pos forget-registration [--yes]`: removes this till's registration locally, without
// asking Glase, only after Glase answered 29 (it no longer knows the till). Without it that is
// a dead end: pay fails with 29, unregister fails with 29, register refuses (still registered
// here). Audited; the next step is `glase-pos register`.
import { CommandExit, EXIT, runCommand } from '../cli/exit.js';
import { said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { parseCommand } from '../cli/args.js';
import { confirm, isTty } from '../cli/tty.js';

const HELP = `usage: glase-pos forget-registration [--yes] [--config FILE]

Only when Glase answered that it no longer knows this till (result 29, e.g. to pay or
unregister): removes the terminal id, its password and the Glase ID from this till, so it
can be registered again. Glase is not asked (it has nothing left to unregister).

  --yes           do not ask for confirmation (required when stdin is not a terminal)
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('forget-registration', async () => {
    const { values } = parseCommand(argv, { yes: { type: 'boolean', short: 'y' }, config: { type: 'string' } }, HELP);
    const config = commandConfig(values.config, src);
    if (!values.yes && !isTty()) throw new CommandExit(EXIT.usage, '--yes: is required when stdin is not a terminal (nobody can confirm)');
    return closing(await openCliTill(config), async ({ till }) => {
      const s = till.setup();
      if (!s.terminalId) throw new CommandExit(EXIT.failed, 'this till is not registered; nothing to forget');
      if (!s.unknownAtGlase) throw new CommandExit(EXIT.failed, 'Glase has not said that it no longer knows this till; to leave Glase, run `glase-pos unregister`');
      const why = `Glase answered 29 (it no longer knows terminal ${s.terminalId}) to ${s.unknownAtGlase.op} at ${s.unknownAtGlase.at}`;
      if (!values.yes && !(await confirm(`${why}. Forget this registration here${s.glaseId ? ` (and Glase ID ${s.glaseId})` : ''}?`))) {
        console.error(said('nothing was forgotten'));
        return EXIT.failed;
      }
      const r = await till.forgetRegistration('cli');
      if (!r.ok) throw new CommandExit(EXIT.failed, `not forgotten: ${r.message}`);
      console.log(said(`forgot the registration of terminal ${s.terminalId} (${why})`));
      console.log(said('next: glase-pos register --reseller ID --user ID, then glase-pos assign-id <GLASEID>'));
      return EXIT.ok;
    });
  });
}
