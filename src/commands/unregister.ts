// `glase-pos unregister [--yes]`: unregisters the till at Glase; the local credentials are
// forgotten only after Glase answered 0.
import { CommandExit, EXIT, runCommand } from '../cli/exit.js';
import { said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { noServerMessage } from '../cli/glase.js';
import { parseCommand } from '../cli/args.js';
import { confirm, isTty } from '../cli/tty.js';
import { Shipper } from '../shipper/shipper.js';
import { leaveBackoffice } from '../shipper/enrol-client.js';
import { backofficeFetch } from '../shipper/backoffice-fetch.js';

const HELP = `usage: glase-pos unregister [--yes] [--config FILE]

  --yes           do not ask for confirmation (required when stdin is not a terminal)
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('unregister', async () => {
    const { values } = parseCommand(argv, { yes: { type: 'boolean', short: 'y' }, config: { type: 'string' } }, HELP);
    const config = commandConfig(values.config, src);
    if (!values.yes && !isTty()) throw new CommandExit(EXIT.usage, '--yes: is required when stdin is not a terminal (nobody can confirm)');
    return closing(await openCliTill(config), async ({ till, store, serverReachable, resumed }) => {
      const s = till.setup();
      if (!s.terminalId) throw new CommandExit(EXIT.failed, 'this till is not registered');
      if (resumed.length > 0) throw new CommandExit(EXIT.failed, 'a Glase payment is unfinished: run `glase-pos recover --wait` first');
      if (!serverReachable()) throw new CommandExit(EXIT.failed, noServerMessage(config));
      if (!values.yes && !(await confirm(`unregister terminal ${s.terminalId}${s.glaseId ? ` (Glase ID ${s.glaseId})` : ''}? Glase payments stop until it is registered again`))) {
        console.error(said('not unregistered'));
        return EXIT.failed;
      }
      const r = await till.unregister('cli');
      if (!r.ok) throw new CommandExit(EXIT.failed, `not unregistered: ${r.message}`);
      console.log(said(`unregistered terminal ${s.terminalId}; its local credentials are gone`));
      const link = store.backoffice.get();
      if (link) {
        // ship what is still in the outbox first: the token stops working once the back office is told
        const shipper = new Shipper({ store, fetch: backofficeFetch(config.backoffice.caFile) });
        for (let i = 0; i < 10_000 && (await shipper.shipOnce()).kind === 'shipped'; i++);
        const left = store.outbox.backlog().pending;
        if (left > 0) {
          console.log(said(`${left} post(s) are not at the back office yet: the till keeps its link, the daemon ships them; then unregister the till on the back office's Tills page`));
        } else {
          console.log((await leaveBackoffice(link.url, link.tillToken, backofficeFetch(config.backoffice.caFile))).message);
          store.backoffice.clear();
        }
      }
      return EXIT.ok;
    });
  });
}
