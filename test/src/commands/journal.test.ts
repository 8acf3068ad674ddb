// `glase-pos journal` as a person reads it (issue 9 item 19): a paymentId prefix such as the
// 8 characters it shows is enough for --payment (an ambiguous one lists the matches), amounts
// read as money, times are local with their UTC offset.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../../src/commands/journal.js';
import { openStore } from '../../../src/store/store.js';
import { capture } from './_cli.js';

const t = suite('glase-pos journal');
const A = 'aaaa1111-0000-4000-8000-000000000001';
const B = 'aaaa2222-0000-4000-8000-000000000002';
const C = 'cccc3333-0000-4000-8000-000000000003';
let dir: string;
let tz: string | undefined;

const journal = (...argv: string[]) => capture(() => run(argv, { env: { GLASE_POS__DATA_DIR: join(dir, 'data') }, defaultFile: join(dir, 'none.json') }));

t.before.each(() => {
  tz = process.env.TZ;
  process.env.TZ = 'Europe/Stockholm';
  dir = mkdtempSync(join(tmpdir(), 'glase-journal-'));
  const store = openStore(join(dir, 'data'));
  store.journal.append({ at: '2026-01-15T12:00:00.000Z', paymentId: A, state: 'created', message: 'payment of 12.50 SEK created' });
  store.journal.append({ at: '2026-07-01T12:00:00.000Z', paymentId: A, state: 'recorded', ersReference: '1'.repeat(25), message: 'transaction post written: 12.50 SEK' });
  store.journal.append({ at: '2026-07-01T12:00:01.000Z', paymentId: B, state: 'created', message: 'payment of 100 SEK minor units created' });
  store.journal.append({ at: '2026-07-01T12:00:02.000Z', paymentId: C, state: 'created', message: 'payment of 5 JPY minor units created' });
  store.close();
});
t.after.each(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
  rmSync(dir, { recursive: true, force: true });
});

t('--payment takes the 8 characters the journal shows, or any unique start, in any case', async () => {
  const all = await journal();
  assert.is(all.code, 0, all.err);
  const shown = all.out.trim().split('\n').map((l) => l.split(/\s{2,}/)[1]);
  assert.equal(shown, ['aaaa1111', 'aaaa1111', 'aaaa2222', 'cccc3333']);
  for (const p of ['aaaa1111', 'AAAA1', 'c', A]) {
    const r = await journal('--payment', p, '--json');
    assert.is(r.code, 0, `${p}: ${r.err}`);
    const ids = new Set(r.out.trim().split('\n').map((l) => JSON.parse(l).paymentId));
    assert.equal([...ids], [p === 'c' ? C : A], p);
  }
});

t('an ambiguous prefix exits 2 and lists the payments it matches; an unknown one exits 1', async () => {
  const r = await journal('--payment', 'aaaa');
  assert.is(r.code, 2);
  assert.ok(r.err.includes(`--payment: aaaa is the start of several payments (${A}, ${B}); give more characters`), r.err);
  const none = await journal('--payment', 'bbbb');
  assert.is(none.code, 1);
  assert.match(none.err, /no journal rows for payment bbbb/);
  const bad = await journal('--payment', 'xyz%');
  assert.is(bad.code, 2);
  assert.match(bad.err, /--payment: must be a paymentId or its start/);
});

t('amounts are money, also in rows written as minor units before', async () => {
  const r = await journal();
  assert.match(r.out, /payment of 12\.50 SEK created/);
  assert.match(r.out, /transaction post written: 12\.50 SEK/);
  assert.match(r.out, /payment of 1\.00 SEK created/);
  assert.match(r.out, /payment of 5 JPY created/);
  assert.not.match(r.out, /minor units/);
});

t('times are local with the UTC offset (winter and summer time); --json keeps the stored UTC', async () => {
  const r = await journal('--payment', A);
  const lines = r.out.trim().split('\n');
  assert.ok(lines[0].startsWith('2026-01-15 13:00:00 +01:00  aaaa1111  created'), lines[0]);
  assert.ok(lines[1].startsWith('2026-07-01 14:00:00 +02:00  aaaa1111  recorded'), lines[1]);
  const j = await journal('--payment', A, '--json');
  assert.is(JSON.parse(j.out.split('\n')[0]).at, '2026-01-15T12:00:00.000Z');
});

t.run();
