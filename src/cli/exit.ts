// How every glase-pos command ends: exit 0 ok, 1 the business outcome was not the wished one
// (refused, not paid, server missing), 2 bad usage. A command throws CommandExit to stop with
// a message; runCommand prints it (stdout for 0, stderr otherwise) and returns the code.
import { GlasePosError } from '../lib/errors.js';
import { ValidationError } from '../lib/validation-error.js';
import { resetCliLanguage, said } from './language.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown by a command to stop with a message and an exit code. */
export class CommandExit extends GlasePosError {
  constructor(
    readonly exitCode: number,
    message: string,
    /** a usage error's parts, so the rule is said in the shop's language and the help follows */
    readonly usage?: { field: string; rule: string; help?: string },
  ) {
    super('command.exit', message);
  }
}

/** A usage exit (2) that names the field and its rule, optionally followed by the help. */
export function usage(field: string, rule: string, help?: string): CommandExit {
  return new CommandExit(EXIT.usage, `${field}: ${rule}${help ? `\n\n${help}` : ''}`, { field, rule, ...(help ? { help } : {}) });
}

/** A CommandExit's text in the shop's language; the help text after a blank line stays as written. */
function exitText(e: CommandExit): string {
  if (e.usage) return `${e.usage.field}: ${said(e.usage.rule)}${e.usage.help ? `\n\n${e.usage.help}` : ''}`;
  const cut = e.message.indexOf('\n\n');
  return cut < 0 ? said(e.message) : said(e.message.slice(0, cut)) + e.message.slice(cut);
}

/** Runs a command body: CommandExit → its message and code; a ValidationError → exit 2. */
export async function runCommand(name: string, body: () => Promise<number>): Promise<number> {
  resetCliLanguage();
  try {
    return await body();
  } catch (e) {
    if (e instanceof CommandExit) {
      // --help (exit 0) prints the help as written
      if (e.exitCode === EXIT.ok) console.log(e.message);
      else console.error(`glase-pos ${name}: ${exitText(e)}`);
      return e.exitCode;
    }
    if (e instanceof ValidationError) {
      console.error(`glase-pos ${name}: ${e.field}: ${said(e.rule)}`);
      return EXIT.usage;
    }
    throw e;
  }
}
