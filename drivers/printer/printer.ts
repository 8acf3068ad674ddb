// A receipt printer over any transport: real-time status (DLE EOT 1–4) before and after each
// job, one operation at a time, and 'ready' / 'notReady' events when readiness changes.
// A printer that does not answer is 'noStatus', never assumed fine.
import { EventEmitter } from 'node:events';
import { asDeviceError, DeviceError } from './device-error.js';
import { CLEAR_BUFFERS, decodeStatus, DLE_EOT, isStatusByte, statusProblem, type PrinterStatus } from './status.js';
import type { PrinterTransport } from './transport.js';

export interface PrinterOptions {
  /** per status byte; a printer answers real-time requests within a few ms */
  statusTimeoutMs?: number;
  /** for the status after a job: the answer queues behind the job's bytes on serial/pty links */
  afterJobTimeoutMs?: number;
}

export type PrinterReadiness = { ready: true; status: PrinterStatus } | { ready: false; error: DeviceError };

export interface PrinterEvents {
  ready: [PrinterStatus];
  notReady: [DeviceError];
}

export class Printer extends EventEmitter<PrinterEvents> {
  private queue: Promise<unknown> = Promise.resolve();
  private last?: PrinterReadiness;

  constructor(
    readonly transport: PrinterTransport,
    private readonly opts: PrinterOptions = {},
  ) {
    super();
    transport.on('disconnect', () => this.note({ ready: false, error: new DeviceError('disconnected', `${transport.description}: disconnected`) }));
    // USB hotplug: the printer is back; find out whether it is ready.
    transport.on('attach', () => void this.check().catch(() => {}));
  }

  get description(): string {
    return this.transport.description;
  }

  /** Last known readiness (undefined before the first status query). */
  get readiness(): PrinterReadiness | undefined {
    return this.last;
  }

  /** Reads DLE EOT 1–4. Throws DeviceError: disconnected, noStatus. */
  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.query(this.opts.statusTimeoutMs ?? 1000));
  }

  /** Status, and throws the reason (paperOut, coverOpen, busy, ...) when it cannot print. */
  check(): Promise<PrinterStatus> {
    return this.exclusive(async () => this.ensureReady(await this.query(this.opts.statusTimeoutMs ?? 1000)));
  }

  /**
   * Prints one job: refuses when the printer is not ready, and resolves only when the status
   * after the job is fine too (paper ran out mid-job → DeviceError('paperOut')).
   */
  print(bytes: Uint8Array): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      this.ensureReady(await this.query(this.opts.statusTimeoutMs ?? 1000));
      try {
        await this.transport.write(bytes);
      } catch (e) {
        throw this.fail(asDeviceError(e, 'disconnected', `${this.description}: write failed`));
      }
      const after = await this.query(this.opts.afterJobTimeoutMs ?? 5000);
      if (statusProblem(after)) await this.transport.write(CLEAR_BUFFERS).catch(() => {});
      return this.ensureReady(after);
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => {});
    await this.transport.close();
  }

  private async query(timeoutMs: number): Promise<PrinterStatus> {
    try {
      await this.transport.open();
      this.transport.discardInput();
      const answers: number[] = [];
      for (const n of [1, 2, 3, 4] as const) {
        await this.transport.write(DLE_EOT(n));
        const [b] = await this.transport.read(1, timeoutMs);
        if (!isStatusByte(b)) throw new DeviceError('noStatus', `${this.description}: answered 0x${b.toString(16)} to a status query`);
        answers.push(b);
      }
      return decodeStatus(answers);
    } catch (e) {
      const err =
        e instanceof DeviceError && e.code === 'timeout'
          ? new DeviceError('noStatus', `${this.description}: does not answer status queries`, { cause: e })
          : asDeviceError(e, 'disconnected', `${this.description}: status query failed`);
      throw this.fail(err);
    }
  }

  private ensureReady(s: PrinterStatus): PrinterStatus {
    const problem = statusProblem(s);
    if (problem) throw this.fail(problem);
    this.note({ ready: true, status: s });
    return s;
  }

  private fail(e: DeviceError): DeviceError {
    this.note({ ready: false, error: e });
    return e;
  }

  private note(r: PrinterReadiness): void {
    const prev = this.last;
    this.last = r;
    if (r.ready && !prev?.ready) this.emit('ready', r.status);
    if (!r.ready && (prev === undefined || prev.ready || prev.error.code !== r.error.code)) this.emit('notReady', r.error);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }
}
