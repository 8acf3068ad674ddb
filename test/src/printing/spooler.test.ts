// The spooler against a real SQLite store (temp dir) and the printer emulator on a real socket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Printer } from '../../../drivers/printer/printer.js';
import { TcpTransport } from '../../../drivers/printer/tcp-transport.js';
import { startPrinterEmulator, type PrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { Spooler, type SpoolerReadiness } from '../../../src/printing/spooler.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { layout42, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('print spooler');
let dir: string;
let store: Store;
let emu: PrinterEmulator;
let printer: Printer;
let spooler: Spooler;

/** Resolves when the spooler has reported `n` more failed print attempts. */
function failures(n: number): Promise<void> {
  return new Promise((resolve) => {
    const on = () => {
      if (--n > 0) return;
      spooler.off('failed', on);
      resolve();
    };
    spooler.on('failed', on);
  });
}

const complete = (ref: string) => emu.documents.filter((d) => d.cut && !d.interrupted && d.barcodes.some((b) => b.data === ref));

t.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glase-spool-'));
  store = openStore(dir);
  emu = await startPrinterEmulator({ columns: 42 });
  printer = new Printer(new TcpTransport({ host: emu.host, port: emu.port }), { statusTimeoutMs: 300, afterJobTimeoutMs: 1000 });
  spooler = new Spooler({ queue: store.printQueue, printer, layout: layout42, retryMs: 20 });
});
t.after.each(async () => {
  await spooler.stop();
  await printer.close();
  await emu.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

t('an original prints once and leaves the queue; enqueuing it again prints nothing', async () => {
  const post = samplePost();
  spooler.enqueue(post);
  await spooler.kick();
  assert.is(complete(post.ersReference).length, 1);
  assert.is(store.printQueue.pending().length, 0);
  const again = spooler.enqueue(post);
  await spooler.kick();
  assert.is(again.state, 'printed');
  assert.is(complete(post.ersReference).length, 1);
  assert.ok(spooler.printerReady().ready);
});

t('paper out before printing: job stays queued, readiness says paperOut; paper back → printed once', async () => {
  emu.setState({ paperOut: true });
  const seen: SpoolerReadiness[] = [];
  spooler.on('readiness', (r) => seen.push(r));
  const post = samplePost({ ersReference: '1000000000000000000000001' });
  spooler.enqueue(post);
  await spooler.kick();
  const [job] = store.printQueue.pending();
  assert.is(job.ersReference, post.ersReference);
  assert.match(job.lastError ?? '', /^paperOut/);
  assert.equal(spooler.printerReady(), { ready: false, code: 'paperOut', message: 'The printer is out of paper' });
  assert.is(emu.documents.length, 0);
  emu.setState({ paperOut: false });
  spooler.start();
  await new Promise<void>((resolve) => spooler.once('printed', () => resolve()));
  assert.is(complete(post.ersReference).length, 1);
  assert.is(store.printQueue.pending().length, 0);
  assert.equal(seen.map((r) => r.ready), [false, true]);
});

t('paper out mid-receipt, then paper back: the receipt prints completely exactly once', async () => {
  emu.setState({ paperLeftLines: 6 });
  const post = samplePost({ ersReference: '2000000000000000000000002' });
  spooler.enqueue(post);
  await spooler.kick();
  assert.is(store.printQueue.pending().length, 1, 'not confirmed, so still queued');
  assert.ok(emu.documents[0].interrupted);
  // retries while paper is out print nothing: two refused retries, and still one document
  const refused = failures(2);
  spooler.start();
  await refused;
  assert.is(emu.documents.length, 1);
  emu.setState({ paperOut: false });
  await new Promise<void>((resolve) => spooler.once('printed', () => resolve()));
  await spooler.drained(); // and no further copies follow: the queue is empty and no drain runs
  assert.is(complete(post.ersReference).length, 1);
  assert.is(store.printQueue.byErsReference(post.ersReference)[0].state, 'printed');
  assert.ok(store.printQueue.byErsReference(post.ersReference)[0].attempts >= 2, 'refused retries count as attempts');
});

t('a reprint is a separate job marked COPY', async () => {
  const post = samplePost({ ersReference: '3000000000000000000000003' });
  spooler.enqueue(post);
  spooler.enqueue(post, { copy: true });
  await spooler.kick();
  const docs = complete(post.ersReference);
  assert.is(docs.length, 2);
  assert.not.ok(docs[0].lines.some((l) => l.includes('COPY')));
  assert.ok(docs[1].lines.some((l) => l.trim() === '*** COPY ***'));
});

t('jobs survive a restart: queued while the printer is gone, printed by a new spooler', async () => {
  await emu.close();
  const post = samplePost({ ersReference: '4000000000000000000000004' });
  spooler.enqueue(post);
  await spooler.kick();
  assert.is(spooler.printerReady().ready, false);
  await spooler.stop();
  store.close();
  store = openStore(dir);
  emu = await startPrinterEmulator({ columns: 42 });
  await printer.close();
  printer = new Printer(new TcpTransport({ host: emu.host, port: emu.port }), { statusTimeoutMs: 300 });
  spooler = new Spooler({ queue: store.printQueue, printer, layout: layout42 });
  assert.is(await spooler.drainOnce(), 1);
  assert.is(complete(post.ersReference).length, 1);
});

t('drained(): waits for the queue to empty through the retry loop, and at once when idle', async () => {
  await spooler.drained(); // nothing queued, nothing running
  emu.setState({ coverOpen: true });
  const post = samplePost({ ersReference: '6000000000000000000000006' });
  const refused = failures(1);
  spooler.enqueue(post);
  await refused;
  let drained = false;
  const done = spooler.drained().then(() => (drained = true));
  await spooler.kick(); // a drain that fails again leaves the job pending: not drained
  assert.is(drained, false);
  emu.setState({ coverOpen: false });
  spooler.start();
  await done;
  assert.equal(store.printQueue.pending(), []);
  assert.is(complete(post.ersReference).length, 1);
});

t('print(): printed now, or kept queued with the reason', async () => {
  const a = await spooler.print(samplePost({ ersReference: '5000000000000000000000005' }));
  assert.is(a.printed, true);
  assert.is(a.error, undefined);
  emu.setState({ coverOpen: true });
  const b = await spooler.print(samplePost({ ersReference: '5000000000000000000000006' }));
  assert.is(b.printed, false);
  assert.is(b.error?.code, 'coverOpen');
  assert.equal(store.printQueue.pending().map((j) => j.id), [b.job.id]);
  const again = await spooler.print(samplePost({ ersReference: '5000000000000000000000005' }));
  assert.is(again.printed, true, 'an original already printed is not printed twice');
  assert.is(complete('5000000000000000000000005').length, 1);
});

t.run();
