// The one shape every scanner driver has: start/stop plus four events. Drivers emit raw
// payloads; classification and debounce live in src/scan/ so every transport gets the same rules.
import { EventEmitter } from 'node:events';

export interface ScanEvent {
  /** The characters between two terminators, terminator removed. */
  payload: string;
  /** Epoch ms when the terminator arrived. */
  at: number;
}

export interface ScannerEvents {
  scanned: [ScanEvent];
  connected: [];
  disconnected: [];
  error: [Error];
}

export interface Scanner extends EventEmitter<ScannerEvents> {
  /** Opens the device (or starts waiting for it); never rejects because the device is absent. */
  start(): Promise<void>;
  /** Closes the device and cancels every retry timer, so the process can exit. */
  stop(): Promise<void>;
  readonly isConnected: boolean;
}

/** Shared plumbing: connection state and an `error` that never crashes a listener-less emitter. */
export abstract class BaseScanner extends EventEmitter<ScannerEvents> implements Scanner {
  #connected = false;
  constructor(protected readonly now: () => number = Date.now) {
    super();
  }
  get isConnected(): boolean {
    return this.#connected;
  }
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  protected setConnected(up: boolean): void {
    if (up === this.#connected) return;
    this.#connected = up;
    this.emit(up ? 'connected' : 'disconnected');
  }
  protected emitScan(payload: string): void {
    if (payload.length > 0) this.emit('scanned', { payload, at: this.now() });
  }
  /** An unhandled 'error' event would kill the till; without listeners the fault is dropped (drivers log it). */
  protected fail(err: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}

/** kind 'none': a scanner that never scans, so the rest of the till needs no special case. */
export class NullScanner extends BaseScanner {
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}
