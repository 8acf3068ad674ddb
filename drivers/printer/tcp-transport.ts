// Network printers: raw TCP, port 9100 by convention. A closed socket is a disconnect; the
// next open() connects again, so a printer that was power-cycled comes back by itself.
import net from 'node:net';
import { DeviceError } from './device-error.js';
import { BufferedTransport } from './transport.js';

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export class TcpTransport extends BufferedTransport {
  readonly description: string;
  private socket?: net.Socket;

  constructor(private readonly opts: TcpTransportOptions) {
    super();
    this.description = `tcp ${opts.host}:${opts.port}`;
  }

  get isOpen(): boolean {
    return !!this.socket && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    this.discardInput();
    const socket = net.connect({ host: this.opts.host, port: this.opts.port });
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => socket.destroy(new Error('connect timeout')), this.opts.connectTimeoutMs ?? 3000);
      socket.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
      socket.once('error', (e) => {
        clearTimeout(t);
        reject(new DeviceError('disconnected', `${this.description}: cannot connect (${e.message})`, { cause: e }));
      });
    });
    socket.on('data', (d: Buffer) => this.received(d));
    socket.on('error', () => {}); // 'close' follows and reports it
    socket.once('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.lost();
    });
    this.socket = socket;
  }

  write(bytes: Uint8Array): Promise<void> {
    const s = this.socket;
    if (!s || s.destroyed) return Promise.reject(new DeviceError('disconnected', `${this.description}: not connected`));
    return new Promise((resolve, reject) =>
      s.write(bytes, (e) => (e ? reject(new DeviceError('disconnected', `${this.description}: write failed (${e.message})`, { cause: e })) : resolve())),
    );
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.end();
      setTimeout(() => s.destroy(), 200).unref();
    });
  }
}
