// Issue 9 item 3: a receipt printed twice when `glase-pos reprint` drained the queue with its
// own spooler while the daemon's spooler retried the same jobs. Two spoolers over one store
// file (two connections, as two processes have) and one TCP printer emulator: a job is sent
// only by the spooler that claimed it, so with paper out and then back each prints once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Printer } from '../../../drivers/printer/printer.js';
import { TcpTransport } from '../../../drivers/printer/tcp-transport.js';
import { startPrinterEmulator, type PrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { Spooler } from '../../../src/printing/spooler.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { layout42, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('print spooler claims');
let dir: string;
let emu: PrinterEmulator;
let side: Array<{ store: Store; printer: Printer; spooler: Spooler }>;

const complete = (ref: string) => emu.documents.filter((d) => d.cut && !d.interrupted && d.barcodes.some((b) => b.data === ref));
const copies = (ref: string) => complete(ref).filter((d) => d.lines.some((l) => l.trim() === '*** COPY ***')).length;

function spoolerOnOwnConnection(owner: string) {
  const store = openStore(dir);
  const printer = new Printer(new TcpTransport({ host: emu.host, port: emu.port }), { statusTimeoutMs: 300, afterJobTimeoutMs: 1000 });
  const spooler = new Spooler({ queue: store.printQueue, printer, layout: layout42, retryMs: 10, owner });
  side.push({ store, printer, spooler });
  return { store, spooler };
}

t.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glase-claims-'));
  emu = await startPrinterEmulator({ columns: 42 });
  side = [];
});
t.after.each(async () => {
  for (const s of side) {
    await s.spooler.stop();
    await s.printer.close();
    s.store.close();
  }
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

t('two spoolers, paper out then back: the original and the copy each print exactly once', async () => {
  const daemon = spoolerOnOwnConnection('daemon');
  const cli = spoolerOnOwnConnection('reprint');
  const post = samplePost({ ersReference: '7000000000000000000000007' });
  emu.setState({ paperOut: true });
  daemon.store.printQueue.enqueue(post);
  cli.store.printQueue.enqueue(post, { copy: true });
  // both try at the same moment while the paper is out: nothing prints, both jobs stay queued
  await Promise.all([daemon.spooler.kick(), cli.spooler.kick()]);
  assert.is(emu.documents.length, 0);
  assert.is(daemon.store.printQueue.pending().length, 2);
  emu.setState({ paperOut: false });
  // paper back: both drain at the same moment, and the retry loops run on
  await Promise.all([daemon.spooler.kick(), cli.spooler.kick()]);
  daemon.spooler.start();
  cli.spooler.start();
  await Promise.all([daemon.spooler.kick(), cli.spooler.kick()]);
  assert.is(daemon.store.printQueue.pending().length, 0);
  // stop() waits for any send in progress, so every document that will ever come is here
  await daemon.spooler.stop();
  await cli.spooler.stop();
  assert.is(complete(post.ersReference).length, 2, `documents: ${emu.documents.length}`);
  assert.is(copies(post.ersReference), 1);
  assert.is(emu.documents.length, 2);
});

t('a claim whose owner died is taken over when its lease ran out, not before', async () => {
  const { store, spooler } = spoolerOnOwnConnection('alive');
  const job = store.printQueue.enqueue(samplePost({ ersReference: '7000000000000000000000008' }));
  const t0 = Date.now();
  assert.ok(store.printQueue.claim(job.id, 'dead', 60_000, t0), 'the other process claimed it, then died');
  assert.is(store.printQueue.claimNext('alive', 60_000, t0 + 59_999), undefined, 'its lease still runs');
  assert.is(await spooler.drainOnce(), 0);
  assert.is(emu.documents.length, 0);
  assert.equal(await spooler.printOne(job.id), { printed: false, heldBy: 'dead' });
  store.printQueue.claim(job.id, 'dead', 0, t0); // the lease is over
  assert.is(await spooler.drainOnce(), 1);
  assert.is(complete('7000000000000000000000008').length, 1);
  assert.is(store.printQueue.get(job.id)?.claimedBy, undefined, 'printing ends the claim');
});

t('printOne prints only its own job; the older queued job stays for the retry loop', async () => {
  const { store, spooler } = spoolerOnOwnConnection('reprint');
  const older = store.printQueue.enqueue(samplePost({ ersReference: '7000000000000000000000009' }));
  const mine = store.printQueue.enqueue(samplePost({ ersReference: '7000000000000000000000010' }), { copy: true });
  assert.equal(await spooler.printOne(mine.id), { printed: true });
  assert.equal(store.printQueue.pending().map((j) => j.id), [older.id]);
  assert.is(emu.documents.length, 1);
  emu.setState({ coverOpen: true });
  const again = store.printQueue.enqueue(samplePost({ ersReference: '7000000000000000000000010' }), { copy: true });
  const r = await spooler.printOne(again.id);
  assert.is(r.printed, false);
  assert.is(r.error?.code, 'coverOpen');
  assert.is(store.printQueue.get(again.id)?.claimedBy, undefined, 'a failed try ends the claim too');
});

t.run();
