// `glase-pos register --reseller ID --user ID [--name NAME]`: registers this till with Glase.
// The reseller password is typed at a no-echo prompt (or piped on stdin / GLASE_RESELLER_PASSWORD
// when not on a terminal); it is never taken from argv, printed, logged or stored.
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { noServerMessage } from '../cli/glase.js';
import { parseCommand } from '../cli/args.js';
import { resellerPassword } from '../cli/reseller-password.js';
import { unprintable } from '../lib/printable.js';
import { RESELLER_ID_PATTERN, RESELLER_ID_RULE } from '../lib/reseller-id.js';

const HELP = `usage: glase-pos register --reseller ID --user ID [--name NAME] [--config FILE]

  --reseller ID   the shop's Glase reseller id
  --user ID       the reseller user id (e.g. 9900)
  --name NAME     the till's name at Glase (default: terminal.name from the config)
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

The reseller password is asked for without echo on a terminal. When stdin is not a
terminal it is read from $GLASE_RESELLER_PASSWORD, or else from the first line of stdin.
It is never accepted as an argument and never stored.`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('register', async () => {
    const { values } = parseCommand(argv, { reseller: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' }, config: { type: 'string' } }, HELP);
    if (values.reseller === undefined) throw usage('--reseller', 'is required (the shop\'s Glase reseller id)', HELP);
    if (values.user === undefined) throw usage('--user', 'is required (the reseller user id, e.g. 9900)', HELP);
    if (!RESELLER_ID_PATTERN.test(values.reseller)) throw usage('--reseller', RESELLER_ID_RULE);
    if (!RESELLER_ID_PATTERN.test(values.user)) throw usage('--user', RESELLER_ID_RULE);
    if (values.name !== undefined && (values.name.trim() === '' || values.name.length > 100)) throw usage('--name', 'must be 1-100 characters');
    const badName = values.name !== undefined ? unprintable(values.name) : undefined;
    if (badName) throw usage('--name', badName);
    const config = commandConfig(values.config, src);
    const pw = await resellerPassword('nothing was registered');
    const t = await openCliTill(config, { terminalName: values.name });
    return closing(t, async ({ till, serverReachable }) => {
      const before = till.setup();
      if (before.unknownAtGlase) throw new CommandExit(EXIT.failed, `this till is still registered here (terminalId ${before.terminalId}) but Glase no longer knows it: run \`glase-pos forget-registration\`, then register again`);
      if (before.terminalId) throw new CommandExit(EXIT.failed, `this till is already registered (terminalId ${before.terminalId}); run \`glase-pos unregister\` first`);
      if (!serverReachable()) throw new CommandExit(EXIT.failed, noServerMessage(config));
      const r = await till.register({ resellerId: values.reseller!, userId: values.user!, password: pw }, `cli:${values.reseller}/${values.user}`);
      if (!r.ok) throw new CommandExit(EXIT.failed, `not registered: ${r.message}`);
      console.log(said(`registered: terminalId ${r.terminalId}`));
      console.log(said('next: glase-pos assign-id <GLASEID>   (the id on the till\'s Glase sticker)'));
      return EXIT.ok;
    });
  });
}
