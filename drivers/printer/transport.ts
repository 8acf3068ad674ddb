// What a printer driver needs from a connection, whatever the wire: bytes out, bytes in with a
// timeout, close, and a 'disconnect' event. Implementations: tcp, serial, usblp, usb.
import { EventEmitter } from 'node:events';
import { DeviceError } from './device-error.js';

export interface PrinterTransport extends EventEmitter {
  /** for logs and errors, e.g. "tcp 127.0.0.1:9100" */
  readonly description: string;
  readonly isOpen: boolean;
  /** Opens (or reopens after a disconnect); a no-op when open. Throws DeviceError('disconnected'). */
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Exactly `length` bytes, or DeviceError('timeout'). */
  read(length: number, timeoutMs: number): Promise<Uint8Array>;
  /** Drops bytes that arrived unasked (a late status answer must not pass for the next one). */
  discardInput(): void;
  close(): Promise<void>;
}

/**
 * Read buffering shared by the transports: data is pushed in with `received`, or pulled by
 * `poll` for devices that cannot push (usblp, USB bulk IN). Emits 'disconnect' once per loss.
 */
export abstract class BufferedTransport extends EventEmitter implements PrinterTransport {
  abstract readonly description: string;
  abstract readonly isOpen: boolean;
  abstract open(): Promise<void>;
  abstract write(bytes: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  private buffered: number[] = [];
  private wake?: () => void;

  protected received(chunk: Uint8Array): void {
    for (const b of chunk) this.buffered.push(b);
    this.wake?.();
  }

  protected lost(err?: Error): void {
    this.wake?.();
    this.emit('disconnect', err);
  }

  /** Pulls whatever is available now; push-style transports leave this as is. */
  protected async poll(_timeoutMs: number): Promise<void> {}
  protected readonly pulls: boolean = false;

  discardInput(): void {
    this.buffered = [];
  }

  async read(length: number, timeoutMs: number): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffered.length < length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new DeviceError('timeout', `${this.description}: no answer within ${timeoutMs} ms`);
      if (!this.isOpen) throw new DeviceError('disconnected', `${this.description}: connection lost`);
      if (this.pulls) {
        await this.poll(Math.min(left, 50));
      } else {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
    return Uint8Array.from(this.buffered.splice(0, length));
  }
}
