// USB-CDC and RS-232 scanners through serialport. The binding is injected (MockBinding in unit
// tests, the real one for ttys and socat ptys). When the port closes or errors (cable pulled,
// pty gone) the scanner says disconnected and reopens the same path with exponential backoff.
// Not every kernel driver delivers a hangup to an open tty when the device goes away, so while
// connected the scanner also checks that the device node it opened is still the same one.
import { statSync } from 'node:fs';
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import { silentDriverLogger, type DriverLogger } from '../logger.js';
import { LineSplitter, type Terminator } from './line-splitter.js';
import { BaseScanner } from './scanner.js';
import { ScannerError } from './scanner-error.js';

/** serialport's BindingInterface (its own package ships no ESM types, so we take it from the stream). */
export type SerialBinding = OpenOptions['binding'];

export interface SerialScannerOptions {
  path: string;
  baudRate?: number;
  terminator?: Terminator;
  /** Defaults to serialport's auto-detected native binding. */
  binding?: SerialBinding;
  /** Reopen delays: minMs, doubled per failure, capped at maxMs. */
  retry?: { minMs: number; maxMs: number };
  /** How often an open port's device node is checked for removal or replacement (0: never). */
  presenceCheckMs?: number;
  maxLength?: number;
  log?: DriverLogger;
  now?: () => number;
}

export class SerialScanner extends BaseScanner {
  readonly path: string;
  readonly #o: Required<Omit<SerialScannerOptions, 'now' | 'binding'>>;
  #binding: SerialBinding | undefined;
  readonly #splitter: LineSplitter;
  #port: SerialPortStream | undefined;
  #timer: NodeJS.Timeout | undefined;
  #presence: NodeJS.Timeout | undefined;
  #failures = 0;
  #running = false;

  constructor(opts: SerialScannerOptions) {
    super(opts.now);
    this.path = opts.path;
    this.#o = { baudRate: 9600, terminator: 'CR', retry: { minMs: 250, maxMs: 5_000 }, presenceCheckMs: 1_000, maxLength: 256, log: silentDriverLogger, ...opts };
    this.#binding = opts.binding;
    this.#splitter = new LineSplitter(this.#o.terminator, this.#o.maxLength);
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    // The native binding loads only when a real port is used, so unit tests never touch it.
    this.#binding ??= (await import('serialport')).SerialPort.binding;
    await new Promise<void>((resolve) => this.#open(resolve));
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    clearInterval(this.#presence);
    const port = this.#port;
    this.#port = undefined;
    if (port) {
      port.removeAllListeners('close');
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      port.removeAllListeners();
      port.on('error', () => {}); // a late error from a closed port must not crash the till
    }
    this.setConnected(false);
  }

  /** `settled` is called after the first attempt either way: start() never waits for a device. */
  #open(settled?: () => void): void {
    const port = new SerialPortStream({ binding: this.#binding!, path: this.path, baudRate: this.#o.baudRate, autoOpen: false });
    port.on('error', (err) => this.#o.log.warn('serial scanner error', { path: this.path, err }));
    port.open((err) => {
      settled?.();
      if (!this.#running) return void (port.isOpen && port.close());
      if (err) {
        if (this.#failures === 0) {
          this.#o.log.warn('serial scanner cannot open; retrying', { path: this.path, err });
          this.fail(new ScannerError('open', `serial scanner ${this.path}: ${err.message}`, { cause: err }));
        }
        return this.#retry();
      }
      this.#failures = 0;
      this.#port = port;
      port.on('data', (chunk: Buffer) => {
        for (const payload of this.#splitter.push(chunk)) this.emitScan(payload);
      });
      port.on('close', (closeErr?: Error | null) => this.#lost(port, closeErr ?? undefined));
      this.#o.log.info('serial scanner connected', { path: this.path, baudRate: this.#o.baudRate });
      this.setConnected(true);
      this.#watchPresence(port);
    });
  }

  /** A node that existed at open and is later missing or another device means the cable was pulled. */
  #watchPresence(port: SerialPortStream): void {
    if (this.#o.presenceCheckMs <= 0) return;
    // read at once, in the open callback: an await here let a node pulled right after the open
    // be missing at the first look, and then nothing was watched
    const opened = nodeIdentitySync(this.path);
    if (opened === undefined) return; // not a file path (mock binding)
    clearInterval(this.#presence);
    // a stat of a device node costs microseconds: sync keeps the check and its answer in one turn
    this.#presence = setInterval(() => {
      if (this.#port !== port) return clearInterval(this.#presence);
      const now = nodeIdentitySync(this.path);
      if (now === opened || this.#port !== port) return;
      this.#lost(port, new Error(now === undefined ? 'device node removed' : 'device node replaced'));
      port.close(() => {});
    }, this.#o.presenceCheckMs);
    this.#presence.unref();
  }

  #lost(port: SerialPortStream, err: Error | undefined): void {
    if (this.#port !== port) return;
    this.#port = undefined;
    clearInterval(this.#presence);
    port.removeAllListeners('data');
    this.#splitter.reset(); // half a payload from before the cut is not glued to the next one
    this.#o.log.warn('serial scanner disconnected', { path: this.path, err });
    this.setConnected(false);
    this.#retry();
  }

  #retry(): void {
    if (!this.#running) return;
    const { minMs, maxMs } = this.#o.retry;
    const delay = Math.min(maxMs, minMs * 2 ** Math.min(this.#failures, 16));
    this.#failures++;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#open(), delay);
  }
}

function nodeIdentitySync(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}:${st.rdev}`;
  } catch {
    return undefined;
  }
}
