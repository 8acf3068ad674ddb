// `glase-pos reprint` against a real store (temp dir) and a TCP printer (the emulator); with
// no till running, and beside a running till (a whole daemon in this process) that prints it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startPrinterEmulator, type PrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { run } from '../../../src/commands/reprint.js';
import { openStore } from '../../../src/store/store.js';
import { samplePost } from '../../fixtures/receipts/sample.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/lib/log.js';
import { startDaemon } from '../../../src/daemon/main.js';

const t = suite('glase-pos reprint');
let dir: string;
let emu: PrinterEmulator;
let configFile: string;
let said = '';
const quiet = async (argv: string[]) => {
  const [log, err] = [console.log, console.error];
  said = '';
  console.log = console.error = (s: unknown) => (said += `${s}\n`);
  try {
    return await run(argv);
  } finally {
    [console.log, console.error] = [log, err];
  }
};
const REF = samplePost().ersReference;
const copies = (ref = REF) => emu.documents.filter((d) => d.cut && !d.interrupted && d.barcodes.some((b) => b.data === ref) && d.lines.some((l) => l.trim() === '*** COPY ***')).length;
const jobs = () => {
  const store = openStore(join(dir, 'data'));
  try {
    return store.printQueue.byErsReference(REF).map((j) => [j.copy, j.state]);
  } finally {
    store.close();
  }
};
const withPrinter = (printer: object) => writeFileSync(configFile, JSON.stringify({ dataDir: join(dir, 'data'), printer }));

t.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'glase-reprint-'));
  emu = await startPrinterEmulator({ columns: 42 });
  configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ dataDir: join(dir, 'data'), printer: { kind: 'tcp', host: emu.host, port: emu.port } }));
  const store = openStore(join(dir, 'data'));
  const job = store.printQueue.enqueue(samplePost());
  store.printQueue.markPrinted(job.id);
  store.close();
});
t.after.each(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

t('--last prints a COPY now and records it', async () => {
  assert.is(await quiet(['--last', '--config', configFile]), 0);
  const [doc] = await emu.waitForDocuments(1);
  assert.ok(doc.lines.some((l) => l.trim() === '*** COPY ***'));
  assert.equal(doc.barcodes[0].data, samplePost().ersReference);
  const store = openStore(join(dir, 'data'));
  const jobs = store.printQueue.byErsReference(samplePost().ersReference);
  store.close();
  assert.equal(jobs.map((j) => [j.copy, j.state]), [[false, 'printed'], [true, 'printed']]);
});

t('by ersReference; paper out keeps the copy queued and exits 1', async () => {
  emu.setState({ paperOut: true });
  assert.is(await quiet([samplePost().ersReference, '--config', configFile]), 1);
  const store = openStore(join(dir, 'data'));
  assert.is(store.printQueue.pending().length, 1);
  store.close();
  assert.is(emu.documents.length, 0);
});

t('bad arguments exit 2; an unknown reference exits 1', async () => {
  assert.is(await quiet(['--config', configFile]), 2);
  assert.is(await quiet(['--last', '1234', '--config', configFile]), 2);
  assert.is(await quiet(['12345', '--config', configFile]), 2);
  assert.is(await quiet(['9'.repeat(25), '--config', configFile]), 1);
});

t('no till running: prints only its own copy; an older queued receipt stays for the till', async () => {
  const other = samplePost({ ersReference: '8000000000000000000000008' });
  const store = openStore(join(dir, 'data'));
  store.printQueue.enqueue(other); // e.g. an original that met a paper-out
  store.close();
  assert.is(await quiet([REF, '--config', configFile]), 0, said);
  assert.match(said, /printed/);
  assert.is(copies(), 1);
  assert.is(emu.documents.length, 1, 'the other receipt was not printed by reprint');
  const s2 = openStore(join(dir, 'data'));
  assert.equal(s2.printQueue.pending().map((j) => j.ersReference), [other.ersReference]);
  s2.close();
});

t('no till running: the virtual printer and "none" say the truth and exit 1; the copy waits', async () => {
  withPrinter({ kind: 'virtual' });
  assert.is(await quiet(['--last', '--config', configFile]), 1);
  assert.match(said, /no till is running, and the virtual printer lives inside the till: the copy waits in the print queue and prints when the till starts/);
  assert.not.match(said, /running till prints/);
  withPrinter({ kind: 'none' });
  assert.is(await quiet(['--last', '--config', configFile]), 1);
  assert.match(said, /no printer is configured \(printer\.kind is "none"\): the copy stays in the print queue/);
  assert.equal(jobs(), [[false, 'printed'], [true, 'queued'], [true, 'queued']]);
});

t('a till running: reprint hands the copy to it; paper out, then back: each copy prints exactly once', async () => {
  const config = loadConfig({ file: configFile, env: {}, overrides: { api: { port: 0 }, simulator: { port: 0 }, scanner: { kind: 'none' } } });
  emu.setState({ paperOut: true });
  const till = await startDaemon(config, { log: silentLogger, demo: false, notify: false, say: () => {} });
  try {
    assert.is(await quiet([REF, '--config', configFile]), 1);
    assert.match(said, new RegExp(`the running till \\(pid ${process.pid}\\) could not print it yet: paperOut`));
    assert.match(said, /the copy stays in the print queue and the till prints it when the printer is ready/);
    assert.is(emu.documents.length, 0);
    emu.setState({ paperOut: false });
    await emu.waitForDocuments(1, 10_000);
    assert.is(await quiet([REF, '--config', configFile]), 0, said);
    assert.match(said, new RegExp(`printed by the running till \\(pid ${process.pid}\\)`));
  } finally {
    await till.stop(); // waits for a send in progress: every document is in now
  }
  assert.is(copies(), 2);
  assert.is(emu.documents.length, 2, 'the original was printed before; the two copies once each');
  assert.equal(jobs(), [[false, 'printed'], [true, 'printed'], [true, 'printed']]);
});

t.run();
