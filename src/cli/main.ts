// `glase-pos <command> [options]`: finds the command in the table and runs it.
import { COMMANDS } from './commands.js';

export function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return [
    'usage: glase-pos <command> [options]   (glase-pos <command> --help for its options)',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(14)} ${COMMANDS[n].summary}`),
  ].join('\n');
}

/** Runs the command line (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`glase-pos: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
}
