// Every `glase-pos` command by name, with its one-line summary, and `main`, which runs one.
// A command module exports `run(argv): Promise<number>` (the exit code); it is imported only
// when it runs, so `glase-pos --help` and small commands do not load the daemon. An explicit
// table, not a directory listing: this file is the list of commands.
import { listWords } from '../cli/help.js';
import { guessCliLanguage, resetCliLanguage } from '../cli/language.js';
import { configuredLanguage } from '../cli/config.js';

export interface Command {
  run(argv: string[]): Promise<number>;
}

interface Entry {
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: Record<string, Entry> = {
  'assign-id': { summary: "assign the Glase ID (from the till's sticker) to this till", load: () => import('./assign-id.js') },
  'close-day': { summary: 'close the day (Z): close the Glase period, reconcile, number, store and print the Z report', load: () => import('./close-day.js') },
  'confirm-orphan': { summary: 'confirm a payment whose invoice reply was lost, so payments may start again', load: () => import('./confirm-orphan.js') },
  export: { summary: "export the till's Glase account: export --from D --to D --format csv|json (references, amounts, cashier, Z)", load: () => import('./export.js') },
  'forget-registration': { summary: 'after Glase answered that it no longer knows this till (29): forget its registration here', load: () => import('./forget-registration.js') },
  backoffice: { summary: "run the shop's back office (tills, posts, exports, reconciliation); add-user, set-reseller", load: () => import('./backoffice.js') },
  daemon: { summary: 'run the till: local API, kiosk screen, printer, scanner, Glase', load: () => import('./daemon.js') },
  enroll: { summary: "register this till through the shop's back office: enroll <backoffice-url> <code>", load: () => import('./enroll.js') },
  journal: { summary: 'show the payments journal (every state change of every payment)', load: () => import('./journal.js') },
  pay: { summary: 'take a Glase payment: pay --amount 12.50 [--rows FILE] [--cashier ID] [--json]', load: () => import('./pay.js') },
  recover: { summary: 'resume unfinished payments after a crash (--wait: until they end)', load: () => import('./recover.js') },
  refund: { summary: 'refund a Glase payment: refund <ersReference> --amount 4.00 [--reason T] [--json]; --check-unknown', load: () => import('./refund.js') },
  register: { summary: 'register this till with Glase (asks for the reseller password)', load: () => import('./register.js') },
  report: { summary: 'show a Z report: report --z N | --period ID | --list [--json] [--print]', load: () => import('./report.js') },
  reprint: { summary: 'print a COPY of a receipt (the last one, or by ersReference)', load: () => import('./reprint.js') },
  'settle-outside': { summary: 'close a payment Glase cannot be reached about, only after a live check gets no answer: settle-outside <paymentId> --note T', load: () => import('./settle-outside.js') },
  'set-pin': { summary: 'set the admin PIN (4-12 digits) from a no-echo prompt or stdin', load: () => import('./set-pin.js') },
  simulator: { summary: 'run the Glase server simulator (SOAP + control API) on loopback', load: () => import('./simulator.js') },
  status: { summary: 'show registration, Glase ID, server reachability and unfinished payments', load: () => import('./status.js') },
  verify: { summary: 'run the certification sequence (CERT 1-8) against the configured Glase server; exit 0 only if every step passed', load: () => import('./verify.js') },
  unregister: { summary: 'unregister this till at Glase and forget its credentials', load: () => import('./unregister.js') },
  update: { summary: 'install a signed release bundle and switch to it; rolls back unless it stays healthy (root)', load: () => import('./update.js') },
};

/** The command list; in the configured language (src/cli/help.ts; English as written here). */
export function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  const width = Math.max(...names.map((n) => n.length)) + 1;
  const words = listWords();
  return [
    words.usage ?? 'usage: glase-pos <command> [options]   (glase-pos <command> --help for its options)',
    '',
    words.commands ?? 'commands:',
    ...names.map((n) => `  ${n.padEnd(width)} ${words.summary(n) ?? COMMANDS[n].summary}`),
  ].join('\n');
}

/** Runs the command line (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  resetCliLanguage();
  // no command read its config yet: the list speaks the language of the config a command would read
  guessCliLanguage(() => configuredLanguage(undefined));
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
