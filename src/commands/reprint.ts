// `glase-pos reprint [--last | <ersReference>]`: queues a COPY of a receipt in the durable
// print queue. While a till runs on this data directory, the till's spooler prints it (this
// process only waits to say how it went): two spoolers over one queue once printed receipts
// twice. With no till running it prints this copy itself, and only this one.
import { createPrinter } from '../../drivers/printer/create-printer.js';
import { Spooler } from '../printing/spooler.js';
import { layoutFromConfig } from '../printing/layout-from-config.js';
import { shopLanguage } from '../store/shop-language.js';
import { openStore, type Store } from '../store/store.js';
import type { Config } from '../config.js';
import { tillLockHolder } from '../till/index.js';
import { receiptPost } from '../store/receipt-lookup.js';
import { ersReferenceProblem } from '../../machines/ers-reference.js';
import type { StoredPost } from '../store/transaction-post.js';
import { parseCommand } from '../cli/args.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { said, useShopLanguage } from '../cli/language.js';

const HELP = `usage: glase-pos reprint [--last | <ersReference>] [--config FILE]

  --last           the most recent receipt
  <ersReference>   the 25-digit Glase reference printed on the receipt
  --config FILE    config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('reprint', async () => {
    const { values, positionals } = parseCommand(argv, { last: { type: 'boolean' }, config: { type: 'string' } }, HELP, true);
    const last = values.last === true;
    if (positionals.length > 1) throw usage('ersReference', 'give at most one', HELP);
    const ref: string | undefined = positionals[0];
    if (last === (ref !== undefined)) throw usage('arguments', 'give either --last or one ersReference', HELP);
    const why = ersReferenceProblem(ref);
    if (ref !== undefined && why) throw usage('ersReference', why, HELP);
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    useShopLanguage(store.settings, config);
    try {
      const post: StoredPost | undefined = receiptPost(store, last ? undefined : ref);
      if (!post) throw new CommandExit(EXIT.failed, last ? 'no receipt has been printed yet' : `no receipt with ersReference ${ref}`);
      const job = store.printQueue.enqueue(post, { copy: true });
      console.log(said(`queued a COPY of ${post.ersReference} (print job ${job.id})`));
      return await deliver(config, store, job.id);
    } finally {
      store.close();
    }
  });
}

/** Who prints the copy, and the truth about it in each case (issue 9 item 20). */
export async function deliver(config: Config, store: Store, jobId: number): Promise<number> {
  if (config.printer.kind === 'none') throw new CommandExit(EXIT.failed, 'no printer is configured (printer.kind is "none"): the copy stays in the print queue');
  const tillPid = tillLockHolder(config.dataDir);
  if (tillPid !== undefined) return handOver(store, jobId, tillPid);
  if (config.printer.kind === 'virtual') {
    throw new CommandExit(EXIT.failed, 'no till is running, and the virtual printer lives inside the till: the copy waits in the print queue and prints when the till starts (`glase-pos daemon` or `npm start`)');
  }
  return printHere(config, store, jobId);
}

// the daemon's spooler looks at the queue every 2 s; a try takes a few seconds at most
const HAND_OVER_WAIT_MS = 10_000;

/** A till runs: its spooler prints the job (it claims it); this process only watches. */
async function handOver(store: Store, jobId: number, tillPid: number): Promise<number> {
  const until = Date.now() + HAND_OVER_WAIT_MS;
  // jobs print in order: a failed try of ours, or of one queued before it, holds the copy back
  const triesBefore = new Map(store.printQueue.pending().filter((j) => j.id !== jobId).map((j) => [j.id, j.attempts]));
  for (;;) {
    const job = store.printQueue.get(jobId);
    if (!job || job.state === 'printed') {
      console.log(said(`printed by the running till (pid ${tillPid})`));
      return EXIT.ok;
    }
    const failed = store.printQueue.pending().find((j) => j.id <= jobId && !j.claimedBy && j.attempts > (triesBefore.get(j.id) ?? 0));
    if (failed) {
      const behind = failed.id === jobId ? '' : ` (it waits behind an older receipt, print job ${failed.id})`;
      throw new CommandExit(EXIT.failed, `the running till (pid ${tillPid}) could not print it yet: ${failed.lastError ?? 'unknown reason'}${behind}; the copy stays in the print queue and the till prints it when the printer is ready`);
    }
    if (Date.now() > until) {
      throw new CommandExit(
        EXIT.failed,
        `the till process (pid ${tillPid}) has not printed it within ${HAND_OVER_WAIT_MS / 1000} s (a \`glase-pos pay\` or \`recover\` does not print); the copy stays in the print queue and the daemon prints it`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** No till runs: print this job, and only this one (older queued jobs stay for the daemon). */
async function printHere(config: Config, store: Store, jobId: number): Promise<number> {
  const printer = (await createPrinter(config.printer))!;
  const spooler = new Spooler({ queue: store.printQueue, printer, layout: layoutFromConfig(config.printer, undefined, () => shopLanguage(store.settings, config.ui.language)), owner: `glase-pos reprint (pid ${process.pid})` });
  let r;
  try {
    r = await spooler.printOne(jobId);
  } finally {
    await spooler.stop();
    await printer.close();
  }
  if (r.printed) {
    console.log(said('printed'));
    return EXIT.ok;
  }
  if (r.heldBy) {
    console.log(said(`a till that started meanwhile is printing it (${r.heldBy})`));
    return EXIT.ok;
  }
  throw new CommandExit(EXIT.failed, `not printed (${r.error ? `${r.error.code}: ${r.error.message}` : 'unknown reason'}); the copy stays in the print queue and the till prints it when it runs and the printer is ready`);
}
