// A small strict option parser for subcommands: unknown options and missing values are
// errors that name the option, never silently ignored.
import { parseArgs } from 'node:util';
import { ValidationError } from '../lib/validation-error.js';
import { ConfigError, loadConfig, type Config } from '../config.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export function parseOptions<T extends OptionSpec>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new ValidationError('arguments', msg);
  }
}

/** Loads the config for a command; an invalid one prints every problem and yields undefined (exit 2). */
export function loadConfigOrReport(file: string | undefined): Config | undefined {
  try {
    return loadConfig({ file });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return undefined;
  }
}
