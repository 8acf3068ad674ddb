#!/usr/bin/env node
// The `glase-pos` command. Each subcommand lives in src/commands/<name>.ts and exports
// `run(argv): Promise<number>` (the exit code) and a one-line `summary`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

interface Command {
  run(argv: string[]): Promise<number>;
  summary: string;
}

function commandNames(): string[] {
  return readdirSync(join(here, 'commands'))
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

async function load(name: string): Promise<Command> {
  return (await import(join(here, 'commands', name + ext))) as Command;
}

async function usage(): Promise<string> {
  const lines = ['usage: glase-pos <command> [options]   (glase-pos <command> --help for its options)', '', 'commands:'];
  for (const name of commandNames()) lines.push(`  ${name.padEnd(12)} ${(await load(name)).summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  if (!/^[a-z][a-z-]*$/.test(name) || !commandNames().includes(name)) {
    console.error(`glase-pos: unknown command ${JSON.stringify(name)}\n\n${await usage()}`);
    return 2;
  }
  return (await load(name)).run(rest);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`glase-pos: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
