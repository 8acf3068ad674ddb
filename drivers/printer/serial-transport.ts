// RS-232 and USB-CDC printers through serialport. The binding is injected: the real one
// (bindings-cpp) on a till and against socat ptys, MockBinding in unit tests.
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import { DeviceError } from './device-error.js';
import { BufferedTransport } from './transport.js';

/** serialport's BindingInterface, taken from the stream (its own package has no ESM types). */
export type SerialBinding = OpenOptions['binding'];

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  binding: SerialBinding;
}

export class SerialTransport extends BufferedTransport {
  readonly description: string;
  private port?: SerialPortStream;

  constructor(private readonly opts: SerialTransportOptions) {
    super();
    this.description = `serial ${opts.path}`;
  }

  get isOpen(): boolean {
    return !!this.port?.isOpen;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    this.discardInput();
    const port = new SerialPortStream({ binding: this.opts.binding, path: this.opts.path, baudRate: this.opts.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((e) => (e ? reject(new DeviceError('disconnected', `${this.description}: cannot open (${e.message})`, { cause: e })) : resolve())),
    );
    port.on('data', (d: Buffer) => this.received(d));
    port.on('error', () => {});
    port.once('close', () => {
      if (this.port === port) this.port = undefined;
      this.lost();
    });
    this.port = port;
  }

  write(bytes: Uint8Array): Promise<void> {
    const p = this.port;
    if (!p?.isOpen) return Promise.reject(new DeviceError('disconnected', `${this.description}: not open`));
    return new Promise((resolve, reject) => {
      p.write(Buffer.from(bytes), (e) => {
        if (e) return reject(new DeviceError('disconnected', `${this.description}: write failed (${e.message})`, { cause: e }));
        p.drain((e2) => (e2 ? reject(new DeviceError('disconnected', `${this.description}: drain failed`, { cause: e2 })) : resolve()));
      });
    });
  }

  async close(): Promise<void> {
    const p = this.port;
    this.port = undefined;
    if (!p?.isOpen) return;
    await new Promise<void>((resolve) => p.close(() => resolve()));
  }
}
