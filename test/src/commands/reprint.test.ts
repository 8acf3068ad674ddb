// `glase-pos reprint` against a real store (temp dir) and a TCP printer (the emulator).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startPrinterEmulator, type PrinterEmulator } from '../../../drivers/virtual/printer-emulator.js';
import { run } from '../../../src/commands/reprint.js';
import { openStore } from '../../../src/store/store.js';
import { samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('glase-pos reprint');
let dir: string;
let emu: PrinterEmulator;
let configFile: string;
const quiet = async (argv: string[]) => {
  const [log, err] = [console.log, console.error];
  console.log = console.error = () => {};
  try {
    return await run(argv);
  } finally {
    [console.log, console.error] = [log, err];
  }
};

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

t.run();
