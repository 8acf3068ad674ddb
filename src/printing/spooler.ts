// Drains the durable print queue into the printer, oldest job first. A job leaves the queue
// only when the status after it is fine; a failed job stays queued and is retried when the
// printer says it is ready again, so a paper-out costs a retry, never a receipt.
// Only a job this spooler claimed in the store (owner + lease) is sent: another spooler over
// the same store (a `glase-pos reprint` beside the daemon) never prints it a second time.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DeviceError } from '../../drivers/printer/device-error.js';
import type { Printer } from '../../drivers/printer/printer.js';
import type { PrinterStatus } from '../../drivers/printer/status.js';
import { silentLogger, type Logger } from '../lib/log.js';
import { receiptBytes } from './escpos.js';
import type { ReceiptLayout } from './receipt-document.js';
import type { PrintJob, PrintQueue } from '../store/print-queue.js';
import type { StoredPost } from '../store/transaction-post.js';

export type PrintQueueLike = Pick<PrintQueue, 'enqueue' | 'pending' | 'claimNext' | 'claim' | 'markPrinted' | 'markAttemptFailed'>;
export type PrinterLike = Pick<Printer, 'print' | 'check' | 'on' | 'off' | 'description'>;

export interface SpoolerOptions {
  queue: PrintQueueLike;
  printer: PrinterLike;
  layout: ReceiptLayout;
  /** how often to re-check the printer and retry queued jobs */
  retryMs?: number;
  log?: Logger;
  /** who claims jobs (default: this process and spooler); unique per spooler */
  owner?: string;
  /** how long a claim holds: longer than one print with its status checks can take */
  leaseMs?: number;
}

/** A claim outlives any print (status query, write, status after the job: seconds). */
export const DEFAULT_LEASE_MS = 60_000;

export type SpoolerReadiness = { ready: true } | { ready: false; code: DeviceError['code']; message: string };

export interface SpoolerEvents {
  printed: [PrintJob];
  failed: [PrintJob, DeviceError];
  readiness: [SpoolerReadiness];
  /** a drain ended (the queue may still hold a job that failed) */
  idle: [];
}

export class Spooler extends EventEmitter<SpoolerEvents> {
  private state: SpoolerReadiness = { ready: false, code: 'noStatus', message: 'The printer has not been checked yet' };
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private readonly log: Logger;
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly onReady = () => this.setReadiness({ ready: true });
  private readonly onNotReady = (e: DeviceError) => this.setReadiness({ ready: false, code: e.code, message: e.message });

  constructor(private readonly opts: SpoolerOptions) {
    super();
    this.log = opts.log ?? silentLogger;
    this.owner = opts.owner ?? `pid ${process.pid} spooler ${randomUUID().slice(0, 8)}`;
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    opts.printer.on('ready', this.onReady);
    opts.printer.on('notReady', this.onNotReady);
  }

  /** For the kiosk: may a Glase payment start? (its receipt must be printable) */
  printerReady(): SpoolerReadiness {
    return this.state;
  }

  /** Queues a receipt (originals once per ersReference) and starts draining. */
  enqueue(post: StoredPost, opts: { copy?: boolean } = {}): PrintJob {
    const job = this.opts.queue.enqueue(post, opts);
    this.kick();
    return job;
  }

  /**
   * For the payment flow's printReceipt actor: queues the receipt (durable first), tries to
   * print it now, and says whether it printed. Not printed is not lost: it stays queued and
   * the retry loop (start()) prints it when the printer is ready again.
   */
  async print(post: StoredPost, opts: { copy?: boolean } = {}): Promise<{ job: PrintJob; printed: boolean; error?: DeviceError }> {
    let error: DeviceError | undefined;
    const job = this.opts.queue.enqueue(post, opts);
    if (job.state === 'printed') return { job, printed: true };
    const onFailed = (j: PrintJob, e: DeviceError) => {
      if (j.id === job.id || error === undefined) error = e; // an older job failing blocks this one too
    };
    this.on('failed', onFailed);
    try {
      await this.kick();
    } finally {
      this.off('failed', onFailed);
    }
    const printed = !this.opts.queue.pending().some((j) => j.id === job.id);
    return printed ? { job, printed } : { job, printed, error: error ?? new DeviceError('busy', 'The receipt is waiting in the print queue') };
  }

  /** Starts a drain now, or right after the one in progress. Resolves when the queue is idle. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drainOnce();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
      this.emit('idle');
    });
    return this.running;
  }

  /**
   * Resolves once no drain runs and no job is pending: from then on nothing prints until a
   * job is queued. The positive signal "nothing more will print" (tests wait on it instead of
   * sleeping). With jobs pending it waits for the retry loop (start()) to print them.
   */
  async drained(): Promise<void> {
    while (this.running || this.opts.queue.pending().length) {
      await (this.running ?? new Promise<void>((resolve) => this.once('idle', resolve)));
    }
  }

  /**
   * Prints pending jobs in order until one fails or the next one is claimed by another
   * spooler; returns how many printed.
   */
  async drainOnce(): Promise<number> {
    let printed = 0;
    for (let job = this.claimNext(); job; job = this.claimNext()) {
      if (!(await this.send(job))) return printed;
      printed++;
    }
    return printed;
  }

  /**
   * Prints one job and nothing else (a reprint's own copy), if no other spooler holds it.
   * printed: false with `heldBy` when another spooler is sending it now.
   */
  async printOne(id: number): Promise<{ printed: boolean; error?: DeviceError; heldBy?: string }> {
    const job = this.opts.queue.claim(id, this.owner, this.leaseMs);
    if (!job) {
      const queued = this.opts.queue.pending().find((j) => j.id === id);
      return queued ? { printed: false, heldBy: queued.claimedBy } : { printed: true }; // not queued any more: printed
    }
    let error: DeviceError | undefined;
    const onFailed = (j: PrintJob, e: DeviceError) => j.id === id && (error = e);
    this.on('failed', onFailed);
    try {
      return (await this.send(job)) ? { printed: true } : { printed: false, error };
    } finally {
      this.off('failed', onFailed);
    }
  }

  private claimNext(): PrintJob | undefined {
    return this.opts.queue.claimNext(this.owner, this.leaseMs);
  }

  /** Sends a job this spooler claimed; the store's mark ends the claim either way. */
  private async send(job: PrintJob): Promise<boolean> {
    try {
      await this.opts.printer.print(receiptBytes(job.post, this.opts.layout, { copy: job.copy }));
    } catch (e) {
      const err = e instanceof DeviceError ? e : new DeviceError('disconnected', String((e as Error)?.message ?? e), { cause: e });
      this.opts.queue.markAttemptFailed(job.id, `${err.code}: ${err.message}`);
      this.log.warn('receipt not printed, kept in queue', { job: job.id, ersReference: job.ersReference, code: err.code, error: err });
      this.emit('failed', job, err);
      return false;
    }
    this.opts.queue.markPrinted(job.id);
    this.log.info('receipt printed', { job: job.id, ersReference: job.ersReference, copy: job.copy });
    this.emit('printed', job);
    return true;
  }

  /** Checks the printer (for readiness) and retries queued jobs every retryMs. */
  start(): void {
    if (this.timer) return;
    const tick = async () => {
      try {
        if (this.opts.queue.pending().length) await this.kick();
        else await this.opts.printer.check().catch(() => undefined as PrinterStatus | undefined);
      } finally {
        if (this.timer) this.timer = setTimeout(tick, this.opts.retryMs ?? 2000);
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.opts.printer.off('ready', this.onReady);
    this.opts.printer.off('notReady', this.onNotReady);
    await this.running;
  }

  private setReadiness(r: SpoolerReadiness): void {
    const prev = this.state;
    this.state = r;
    if (prev.ready !== r.ready || (!prev.ready && !r.ready && prev.code !== r.code)) this.emit('readiness', r);
  }
}

