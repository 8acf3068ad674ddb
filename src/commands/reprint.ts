// `glase-pos reprint [--last | <ersReference>]`: queues a COPY of a receipt in the durable
// print queue. With a real printer configured it also tries to print it now; otherwise (the
// virtual printer lives inside the running daemon) the daemon's spooler picks it up.
import { createPrinter } from '../../drivers/printer/create-printer.js';
import { Spooler } from '../printing/spooler.js';
import { layoutFromConfig } from '../printing/layout-from-config.js';
import { openStore } from '../store/store.js';
import type { StoredPost } from '../store/transaction-post.js';
import { ValidationError } from '../lib/validation-error.js';
import { loadConfigOrReport, parseOptions } from './_args.js';

export const summary = 'print a COPY of a receipt (the last one, or by ersReference)';

const HELP = `usage: glase-pos reprint [--last | <ersReference>] [--config FILE]

  --last           the most recent receipt
  <ersReference>   the 25-digit Glase reference printed on the receipt
  --config FILE    config file (default: $GLASE_POS_CONFIG)`;

export async function run(argv: string[]): Promise<number> {
  let ref: string | undefined;
  let last = false;
  let file: string | undefined;
  try {
    const { values, positionals } = parseOptions(argv, { last: { type: 'boolean' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    last = values.last === true;
    file = values.config;
    if (positionals.length > 1) throw new ValidationError('ersReference', 'give at most one');
    ref = positionals[0];
    if (last === (ref !== undefined)) throw new ValidationError('arguments', 'give either --last or one ersReference');
    if (ref !== undefined && !/^\d{25}$/.test(ref)) throw new ValidationError('ersReference', 'must be 25 digits');
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    console.error(`glase-pos reprint: ${e.message}\n\n${HELP}`);
    return 2;
  }

  const config = loadConfigOrReport(file);
  if (!config) return 2;
  const store = openStore(config.dataDir);
  try {
    const post: StoredPost | undefined = last ? store.printQueue.last()?.post : store.posts.byErsReference(ref!) ?? store.printQueue.byErsReference(ref!)[0]?.post;
    if (!post) {
      console.error(last ? 'glase-pos reprint: no receipt has been printed yet' : `glase-pos reprint: no receipt with ersReference ${ref}`);
      return 1;
    }
    const job = store.printQueue.enqueue(post, { copy: true });
    console.log(`queued a COPY of ${post.ersReference} (print job ${job.id})`);
    if (config.printer.kind === 'virtual' || config.printer.kind === 'none') {
      console.log(config.printer.kind === 'none' ? 'no printer configured: the copy waits in the queue' : 'the running till prints it on its virtual printer');
      return 0;
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
      return 0;
    }
    console.error(`not printed yet (${done?.lastError ?? 'unknown reason'}); it stays in the queue and prints when the printer is ready`);
    return 1;
  } finally {
    store.close();
  }
}
