// Strict option parsing for every command: an unknown option, a missing value or a stray
// argument is a usage error (exit 2) that names it and is followed by the command's help;
// --help / -h prints the help (in the shop's language, src/cli/help.ts) and exits 0.
import { parseArgs } from 'node:util';
import { CommandExit, EXIT } from './exit.js';
import { configuredLanguage } from './config.js';
import { guessCliLanguage } from './language.js';
import { helpText } from './help.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export function parseCommand<T extends OptionSpec>(argv: string[], options: T, help: string, allowPositionals = false) {
  // a usage error found before the command reads its config is still said in the shop's language
  const flag = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  const file = flag < 0 ? undefined : argv[flag].startsWith('--config=') ? argv[flag].slice('--config='.length) : argv[flag + 1];
  guessCliLanguage(() => configuredLanguage(file));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (e) {
    // node's text names the option ("Unknown option '--bogus'"); its hint about "--" is noise here
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new CommandExit(EXIT.usage, `arguments: ${msg}\n\n${help}`);
  }
  if ((parsed.values as { help?: boolean }).help) throw new CommandExit(EXIT.ok, helpText(help));
  return parsed;
}
