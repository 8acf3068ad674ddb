// `glase-pos reprint [--last | <ersReference>]`: queues a COPY of a receipt in the durable
// print queue. With a real printer configured it also tries to print it now; otherwise (the
// virtual printer lives inside the running daemon) the daemon's spooler picks it up.
import { createPrinter } from '../../drivers/printer/create-printer.js';
import { Spooler } from '../printing/spooler.js';
import { layoutFromConfig } from '../printing/layout-from-config.js';
import { openStore } from '../store/store.js';
import type { StoredPost } from '../store/transaction-post.js';
import { parseCommand } from '../cli/args.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';

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
    if (ref !== undefined && !/^\d{25}$/.test(ref)) throw usage('ersReference', 'must be 25 digits', HELP);
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    try {
      const post: StoredPost | undefined = last ? store.printQueue.last()?.post : store.posts.byErsReference(ref!) ?? store.printQueue.byErsReference(ref!)[0]?.post;
      if (!post) throw new CommandExit(EXIT.failed, last ? 'no receipt has been printed yet' : `no receipt with ersReference ${ref}`);
      const job = store.printQueue.enqueue(post, { copy: true });
      console.log(`queued a COPY of ${post.ersReference} (print job ${job.id})`);
      if (config.printer.kind === 'virtual' || config.printer.kind === 'none') {
        console.log(config.printer.kind === 'none' ? 'no printer configured: the copy waits in the queue' : 'the running till prints it on its virtual printer');
        return EXIT.ok;
      }
      const printer = (await createPrinter(config.printer))!;
      const spooler = new Spooler({ queue: store.printQueue, printer, layout: layoutFromConfig(config.printer) });
      try {
        await spooler.drainOnce();
      } finally {
        await spooler.stop();
        await printer.close();
      }
      const done = store.printQueue.byErsReference(post.ersReference).find((j) => j.id === job.id);
      if (done?.state === 'printed') {
        console.log('printed');
        return EXIT.ok;
      }
      throw new CommandExit(EXIT.failed, `not printed yet (${done?.lastError ?? 'unknown reason'}); it stays in the queue and prints when the printer is ready`);
    } finally {
      store.close();
    }
  });
}
