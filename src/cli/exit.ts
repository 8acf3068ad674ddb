// How every glase-pos command ends: exit 0 ok, 1 the business outcome was not the wished one
// (refused, not paid, server missing), 2 bad usage. A command throws CommandExit to stop with
// a message; runCommand prints it (stdout for 0, stderr otherwise) and returns the code.
import { GlasePosError } from '../lib/errors.js';
import { ValidationError } from '../lib/validation-error.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown by a command to stop with a message and an exit code. */
export class CommandExit extends GlasePosError {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super('command.exit', message);
  }
}

/** A usage exit (2) that names the field and its rule, optionally followed by the help. */
export function usage(field: string, rule: string, help?: string): CommandExit {
  return new CommandExit(EXIT.usage, `${field}: ${rule}${help ? `\n\n${help}` : ''}`);
}

/** Runs a command body: CommandExit → its message and code; a ValidationError → exit 2. */
export async function runCommand(name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof CommandExit) {
      if (e.exitCode === EXIT.ok) console.log(e.message);
      else console.error(`glase-pos ${name}: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof ValidationError) {
      console.error(`glase-pos ${name}: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}
