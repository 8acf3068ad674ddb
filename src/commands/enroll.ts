// `glase-pos enroll <backoffice-url> <code> [--name NAME]`: registers this till through the
// shop's back office (issue 14) instead of with the reseller password. The till makes its own
// terminal password as `register` does and sends it with its name and external id; the back
// office calls registerTerminal with the reseller credentials it keeps, and answers the
// terminalId and a till token for shipping posts. The reseller password never reaches the till.
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { said, useShopLanguage } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';
import { openStore } from '../store/store.js';
import { acquireTillLock, generateTerminalPassword, TillBusyError } from '../till/index.js';
import { unprintable } from '../lib/printable.js';
import { backofficeUrl, CODE_RULE, enrolAtBackoffice, isEnrolCode } from '../shipper/enrol-client.js';
import { backofficeFetch } from '../shipper/backoffice-fetch.js';
import { privateDir } from '../lib/private-files.js';

const HELP = `usage: glase-pos enroll <backoffice-url> <code> [--name NAME] [--ca-file PEM] [--config FILE]

  <backoffice-url>  the shop's back office, e.g. https://backoffice.shop.example:8070
  <code>            the one-time enrolment code the owner made there (XXXX-XXXX-XXXX)
  --name NAME       the till's name at Glase (default: terminal.name from the config)
  --ca-file PEM     the CA that signed the back office's certificate, when not a public one
                    (default: backoffice.caFile); the daemon's shipper uses the config's
  --config FILE     config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('enroll', async () => {
    const { values, positionals } = parseCommand(argv, { name: { type: 'string' }, 'ca-file': { type: 'string' }, config: { type: 'string' } }, HELP, true);
    const [url, code, extra] = positionals;
    if (!url || !code || extra !== undefined) throw usage('arguments', 'give exactly the back office URL and the code', HELP);
    const parsed = backofficeUrl(url);
    if (!parsed.ok) throw usage('<backoffice-url>', parsed.rule);
    const base = parsed.url;
    if (!isEnrolCode(code)) throw usage('<code>', CODE_RULE);
    const config = commandConfig(values.config, src);
    const name = values.name ?? config.terminal.name;
    let f;
    try {
      f = backofficeFetch(values['ca-file'] ?? config.backoffice.caFile);
    } catch (e) {
      throw usage(values['ca-file'] ? '--ca-file' : 'backoffice.caFile', (e as Error).message.replace(/^backoffice\.caFile: /, ''));
    }
    if (name.trim() === '' || name.length > 100 || unprintable(name)) throw usage('--name', 'must be 1-100 printable characters');
    let unlock: () => void;
    try {
      // a running daemon would not see the new registration: enrol with the till stopped
      privateDir(config.dataDir);
      unlock = acquireTillLock(config.dataDir);
    } catch (e) {
      if (e instanceof TillBusyError) throw new CommandExit(EXIT.failed, `${e.message}; stop the till (the daemon), enrol, then start it again, or enrol on the running till's admin screen (Registration)`);
      throw e;
    }
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    try {
      const had = store.credentials.get();
      if (had) throw new CommandExit(EXIT.failed, `this till is already registered (terminalId ${had.terminalId}); run \`glase-pos unregister\` first`);
      const terminalPassword = generateTerminalPassword();
      const body = await enrolAtBackoffice({ url: base, code, name, externalId: config.terminal.externalTerminalId, terminalPassword, version: process.env.npm_package_version }, f);
      if (!body.ok) throw new CommandExit(EXIT.failed, body.reached ? `not enrolled: ${body.message}` : body.message);
      const at = new Date().toISOString();
      store.transaction(() => {
        store.credentials.saveRegistration({ terminalId: body.terminalId, terminalPassword, externalTerminalId: config.terminal.externalTerminalId, registeredAt: at });
        store.backoffice.save({ url: base.origin, tillId: body.tillId, tillToken: body.tillToken, enrolledAt: at });
        store.audit.append('cli', 'enroll', `back office ${base.origin}, till ${body.tillId}, terminalId ${body.terminalId}`, at);
      });
      console.log(said(`enrolled with ${base.origin}: terminalId ${body.terminalId} (till ${body.tillId})`));
      console.log(said('next: glase-pos assign-id <GLASEID>   (the id on the till\'s Glase sticker)'));
      return EXIT.ok;
    } finally {
      store.close();
      unlock();
    }
  });
}
