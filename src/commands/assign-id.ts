// `glase-pos assign-id <GLASEID>`: binds the Glase ID on the till's sticker to this till.
import { checkGlaseId } from '../scan/payload.js';
import { ValidationError } from '../lib/validation-error.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { noServerMessage } from '../cli/glase.js';
import { parseCommand } from '../cli/args.js';

const HELP = `usage: glase-pos assign-id <GLASEID> [--config FILE]

  <GLASEID>       letters and digits, as printed on the till's Glase sticker
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('assign-id', async () => {
    const { values, positionals } = parseCommand(argv, { config: { type: 'string' } }, HELP, true);
    if (positionals.length !== 1) throw usage('GLASEID', positionals.length === 0 ? 'is required' : 'give exactly one', HELP);
    let glaseId: string;
    try {
      glaseId = checkGlaseId(positionals[0], 'GLASEID');
    } catch (e) {
      if (e instanceof ValidationError) throw usage(e.field, e.rule);
      throw e;
    }
    const config = commandConfig(values.config, src);
    return closing(await openCliTill(config), async ({ till, serverReachable }) => {
      if (!till.setup().terminalId) throw new CommandExit(EXIT.failed, 'this till is not registered: run `glase-pos register --reseller ID --user ID` first');
      if (!serverReachable()) throw new CommandExit(EXIT.failed, noServerMessage(config));
      const r = await till.assignGlaseId(glaseId, 'cli');
      if (!r.ok) throw new CommandExit(EXIT.failed, `Glase ID not assigned: ${r.message}`);
      console.log(said(`Glase ID ${glaseId} assigned; the till is ready for Glase payments`));
      return EXIT.ok;
    });
  });
}
