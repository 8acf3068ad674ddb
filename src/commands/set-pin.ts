// `glase-pos set-pin`: sets the admin PIN (4–12 digits), stored hashed (scrypt + salt) in the
// till's database. Reads it from a no-echo prompt on a terminal, or one line of stdin.
import { pinProblem, setAdminPin } from '../api/pin.js';
import { openStore } from '../store/store.js';
import { parseCommand } from '../cli/args.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { CommandExit, EXIT, runCommand } from '../cli/exit.js';
import { said, useShopLanguage } from '../cli/language.js';
import { isTty, readFirstLine, readSecret } from '../cli/tty.js';

const HELP = `usage: glase-pos set-pin [--config FILE]

  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

  Prompts for the new PIN twice without echo; or reads one line from stdin
  (echo 482913 | glase-pos set-pin). The PIN is stored as a salted scrypt hash.`;

async function readPin(): Promise<string> {
  if (!isTty()) return ((await readFirstLine()) ?? '').trim();
  const pin = await readSecret('new admin PIN (4-12 digits): ');
  const again = pin === undefined ? undefined : await readSecret('repeat the PIN: ');
  if (pin === undefined || again === undefined) throw new CommandExit(EXIT.failed, 'cancelled; nothing changed');
  if (again !== pin) throw new CommandExit(EXIT.failed, 'the two PINs differ; nothing changed');
  return pin;
}

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('set-pin', async () => {
    const { values } = parseCommand(argv, { config: { type: 'string' } }, HELP);
    const config = commandConfig(values.config, src);
    const pin = await readPin();
    const why = pinProblem(pin);
    if (why) throw new CommandExit(EXIT.usage, `pin: ${why}; nothing changed`);
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    try {
      setAdminPin(store, pin, 'admin@cli', { endLockout: true });
    } finally {
      store.close();
    }
    console.log(said('admin PIN set (stored as a salted scrypt hash); a running till uses it at the next PIN entry'));
    return EXIT.ok;
  });
}
