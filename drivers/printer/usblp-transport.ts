// Linux usblp character device (/dev/usb/lp0). Opened non-blocking: a read with nothing to
// read returns EAGAIN at once instead of parking a libuv thread that close() cannot wake.
import { constants, promises as fs } from 'node:fs';
import { DeviceError } from './device-error.js';
import { BufferedTransport } from './transport.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class UsblpTransport extends BufferedTransport {
  readonly description: string;
  protected override readonly pulls = true;
  private fh?: fs.FileHandle;
  private readonly scratch = Buffer.alloc(64);

  constructor(private readonly path: string) {
    super();
    this.description = `usblp ${path}`;
  }

  get isOpen(): boolean {
    return !!this.fh;
  }

  async open(): Promise<void> {
    if (this.fh) return;
    this.discardInput();
    try {
      this.fh = await fs.open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (e) {
      throw new DeviceError('disconnected', `${this.description}: cannot open (${(e as NodeJS.ErrnoException).code})`, { cause: e });
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      const fh = this.requireOpen();
      try {
        const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
        off += bytesWritten;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          await sleep(2); // printer buffer full: it is still printing
          continue;
        }
        this.fail(e);
      }
    }
  }

  protected override async poll(timeoutMs: number): Promise<void> {
    const fh = this.requireOpen();
    try {
      const { bytesRead } = await fh.read(this.scratch, 0, this.scratch.length, null);
      if (bytesRead > 0) this.received(this.scratch.subarray(0, bytesRead));
      else await sleep(Math.min(timeoutMs, 5));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') await sleep(Math.min(timeoutMs, 5));
      else this.fail(e);
    }
  }

  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close();
  }

  private requireOpen(): fs.FileHandle {
    if (!this.fh) throw new DeviceError('disconnected', `${this.description}: not open`);
    return this.fh;
  }

  /** EIO/ENODEV mean the printer was unplugged: drop the handle, report, and let open() retry. */
  private fail(e: unknown): never {
    const fh = this.fh;
    this.fh = undefined;
    void fh?.close().catch(() => {});
    this.lost(e as Error);
    throw new DeviceError('disconnected', `${this.description}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}
