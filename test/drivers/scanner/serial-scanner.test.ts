import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { once } from 'node:events';
import { SerialPortMock } from 'serialport';
import { SerialScanner, type SerialBinding } from '../../../drivers/scanner/serial-scanner.js';
import { LineSplitter } from '../../../drivers/scanner/line-splitter.js';
import type { Terminator } from '../../../drivers/scanner/line-splitter.js';

const PATH = '/dev/ttyFAKESCAN';
// @serialport/binding-mock ships no ESM types; serialport re-exports the same MockBinding.
const MockBinding = SerialPortMock.binding;
interface MockPortBinding {
  emitData(data: string | Buffer): void;
  readonly isOpen: boolean;
}

/** MockBinding that hands the test each opened port, so it can push bytes or pull the plug. */
function recordingBinding() {
  const opened: MockPortBinding[] = [];
  const binding = {
    ...MockBinding,
    async open(o: Parameters<typeof MockBinding.open>[0]) {
      const p = await MockBinding.open(o);
      opened.push(p as unknown as MockPortBinding);
      return p;
    },
  } as unknown as SerialBinding;
  return { binding, opened };
}

/** A cable pull: the pending read fails with an I/O error (not a cancel), as the kernel reports it. */
function pullPlug(p: MockPortBinding): void {
  const pending = (p as unknown as { pendingRead: ((e?: Error) => void) | null }).pendingRead;
  if (!pending) throw new Error('test: no read pending on the mock port');
  pending(Object.assign(new Error('EIO: device disconnected'), { code: 'EIO' }));
}

async function started(terminator: Terminator = 'CR') {
  MockBinding.reset();
  MockBinding.createPort(PATH, { echo: false, record: false });
  const { binding, opened } = recordingBinding();
  const scanner = new SerialScanner({ path: PATH, terminator, binding, retry: { minMs: 10, maxMs: 40 } });
  const payloads: string[] = [];
  const events: string[] = [];
  scanner.on('scanned', (s) => payloads.push(s.payload));
  scanner.on('connected', () => events.push('connected'));
  scanner.on('disconnected', () => events.push('disconnected'));
  await scanner.start();
  assert.ok(scanner.isConnected, 'open after start');
  return { scanner, opened, payloads, events };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

const t = suite('serial scanner (MockBinding)');

for (const [term, bytes] of [['CR', '\r'], ['LF', '\n'], ['CRLF', '\r\n'], ['TAB', '\t']] as const) {
  t(`terminator ${term}`, async () => {
    const { scanner, opened, payloads } = await started(term);
    opened[0].emitData(`Glase01${bytes}2015120408531541501005256${bytes}`);
    await tick();
    assert.equal(payloads, ['Glase01', '2015120408531541501005256']);
    await scanner.stop();
  });
}

t('a payload split over many chunks (and a split CRLF) arrives whole', async () => {
  const { scanner, opened, payloads } = await started('CRLF');
  for (const part of ['Gl', 'ase', '42\r', '\nAB', 'C\r', '\n']) {
    opened[0].emitData(part);
    await tick();
  }
  assert.equal(payloads, ['Glase42', 'ABC']);
  await scanner.stop();
});

t('pulled cable → disconnected, reopens with backoff once the port is back → connected', async () => {
  const { scanner, opened, payloads, events } = await started('CR');
  opened[0].emitData('half-a-sca');
  await tick();
  MockBinding.reset(); // the device node disappears …
  pullPlug(opened[0]); // … and the read fails
  await once(scanner, 'disconnected');
  assert.not.ok(scanner.isConnected);
  await new Promise((r) => setTimeout(r, 60)); // a few failed reopen attempts
  MockBinding.createPort(PATH);
  await once(scanner, 'connected');
  opened[opened.length - 1].emitData('again\r');
  await tick();
  assert.equal(payloads, ['again'], 'the half payload from before the pull is dropped');
  assert.equal(events, ['connected', 'disconnected', 'connected']);
  await scanner.stop();
});

t('start() without the device resolves, reports one error, and connects when it appears', async () => {
  MockBinding.reset();
  const { binding } = recordingBinding();
  const scanner = new SerialScanner({ path: PATH, binding, retry: { minMs: 10, maxMs: 20 } });
  const errors: Error[] = [];
  scanner.on('error', (e) => errors.push(e));
  await scanner.start();
  assert.not.ok(scanner.isConnected);
  await new Promise((r) => setTimeout(r, 60));
  assert.is(errors.length, 1, 'a long absence is one error, not one per retry');
  assert.match(errors[0].message, /ttyFAKESCAN/);
  MockBinding.createPort(PATH);
  await once(scanner, 'connected');
  await scanner.stop();
});

t('stop() closes the port and cancels retries', async () => {
  const { scanner, opened, events } = await started();
  await scanner.stop();
  assert.not.ok(opened[0].isOpen);
  assert.equal(events, ['connected', 'disconnected']);
});

const s = suite('line splitter');
s('strips a stray CR/LF left by a CR/CRLF mismatch, drops empty lines', () => {
  const cr = new LineSplitter('CR');
  assert.equal(cr.push('abc\r\ndef\r\n\r'), ['abc', 'def']);
  const lf = new LineSplitter('LF');
  assert.equal(lf.push('abc\r\n\n'), ['abc']);
});
s('bytes are read as latin1, so a non-ASCII byte survives as one character', () => {
  const sp = new LineSplitter('CR');
  assert.equal(sp.push(Buffer.from([0x41, 0xe9, 0x00, 0x42, 0x0d])), ['A\u00e9\u0000B']);
});
s('an unterminated flood is capped; a terminator split across the cap still ends it', () => {
  const sp = new LineSplitter('CRLF', 8);
  assert.equal(sp.push('x'.repeat(1000) + '\r'), []);
  assert.equal(sp.push('\nok\r\n'), ['xxxxxxxx', 'ok']);
});

t.run();
s.run();
