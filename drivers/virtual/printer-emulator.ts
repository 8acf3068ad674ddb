// The printer emulator: a PrinterCore behind a TCP listener (port 9100 style; port 0 picks a
// free one) and, on request, a kernel pty made by socat and bridged to that listener, so a
// serial driver talks to it through a real tty. Used by `npm start` and the tests.
import type { ChildProcess } from 'node:child_process';
import { spawnDyingWithUs } from './die-with-us.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterCore, type EmulatorState, type PrintedDocument } from './printer-core.js';

export interface PrinterEmulatorOptions {
  host?: string;
  port?: number;
  /** also expose a pty (needs socat); its path is `ptyPath` */
  pty?: boolean;
  columns?: number;
  /** reuse a core (keeps state and documents across a close/reopen = unplug/replug) */
  core?: PrinterCore;
}

export interface PrinterEmulator {
  host: string;
  port: number;
  ptyPath?: string;
  core: PrinterCore;
  documents: PrintedDocument[];
  state: EmulatorState;
  setState(patch: Partial<EmulatorState>): void;
  /** resolves when `count` documents exist (fully cut or interrupted) */
  waitForDocuments(count: number, timeoutMs?: number): Promise<PrintedDocument[]>;
  close(): Promise<void>;
}

export async function startPrinterEmulator(opts: PrinterEmulatorOptions = {}): Promise<PrinterEmulator> {
  const core = opts.core ?? new PrinterCore(opts.columns ?? 48);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      const reply = core.feed(d);
      if (reply.length) socket.write(reply);
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  let socat: ChildProcess | undefined;
  let dir: string | undefined;
  let ptyPath: string | undefined;
  if (opts.pty) {
    dir = mkdtempSync(join(tmpdir(), 'glase-printer-'));
    ptyPath = join(dir, 'printer');
    socat = spawnDyingWithUs('socat', [`pty,raw,echo=0,link=${ptyPath}`, `tcp:${host}:${port}`], { stdio: 'ignore' });
    const started = Date.now();
    while (!existsSync(ptyPath)) {
      if (socat.exitCode !== null || Date.now() - started > 5000) throw new Error('printer emulator: socat did not create the pty');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  return {
    host,
    port,
    ptyPath,
    core,
    get documents() {
      return core.documents;
    },
    get state() {
      return core.state;
    },
    setState: (patch) => core.setState(patch),
    waitForDocuments(count, timeoutMs = 5000) {
      if (core.documents.length >= count) return Promise.resolve(core.documents.slice());
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          core.off('document', on);
          reject(new Error(`printer emulator: ${core.documents.length} of ${count} documents after ${timeoutMs} ms`));
        }, timeoutMs);
        const on = () => {
          if (core.documents.length < count) return;
          clearTimeout(t);
          core.off('document', on);
          resolve(core.documents.slice());
        };
        core.on('document', on);
      });
    },
    async close() {
      if (socat && socat.exitCode === null) {
        const exited = new Promise((r) => socat!.once('exit', r));
        socat.kill('SIGTERM');
        await exited;
      }
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
