// Every `glase-pos` command by name, with its one-line summary. A command module exports
// `run(argv): Promise<number>` (the exit code); it is imported only when it runs, so
// `glase-pos --help` and small commands do not load the daemon.
export interface Command {
  run(argv: string[]): Promise<number>;
}

interface Entry {
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: Record<string, Entry> = {
  'assign-id': { summary: "assign the Glase ID (from the till's sticker) to this till", load: () => import('../commands/assign-id.js') },
  'confirm-orphan': { summary: 'confirm a payment whose invoice reply was lost, so payments may start again', load: () => import('../commands/confirm-orphan.js') },
  daemon: { summary: 'run the till: local API, kiosk screen, printer, scanner, Glase', load: () => import('../commands/daemon.js') },
  journal: { summary: 'show the payments journal (every state change of every payment)', load: () => import('../commands/journal.js') },
  pay: { summary: 'take a Glase payment: pay --amount 12.50 [--rows FILE] [--cashier ID] [--json]', load: () => import('../commands/pay.js') },
  recover: { summary: 'resume unfinished payments after a crash (--wait: until they end)', load: () => import('../commands/recover.js') },
  register: { summary: 'register this till with Glase (asks for the reseller password)', load: () => import('../commands/register.js') },
  reprint: { summary: 'print a COPY of a receipt (the last one, or by ersReference)', load: () => import('../commands/reprint.js') },
  'set-pin': { summary: 'set the admin PIN (4-12 digits) from a no-echo prompt or stdin', load: () => import('../commands/set-pin.js') },
  simulator: { summary: 'run the Glase server simulator (SOAP + control API) on loopback', load: () => import('../commands/simulator.js') },
  status: { summary: 'show registration, Glase ID, server reachability and unfinished payments', load: () => import('../commands/status.js') },
  unregister: { summary: 'unregister this till at Glase and forget its credentials', load: () => import('../commands/unregister.js') },
};
