import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ScanDebouncer } from '../../../src/scan/debounce.js';
import { createScanIntake } from '../../../src/scan/scan-intake.js';

const t = suite('scan debounce');

t('an identical scan inside the window is ignored; after it, accepted', () => {
  const d = new ScanDebouncer(1500);
  assert.ok(d.accept('A1', 0));
  assert.not.ok(d.accept('A1', 1499));
  assert.ok(d.accept('A1', 1499 + 1500));
});

t('the window slides while the same code keeps being read (sticker held under the scanner)', () => {
  const d = new ScanDebouncer(1000);
  assert.ok(d.accept('A1', 0));
  for (let at = 300; at <= 3000; at += 300) assert.not.ok(d.accept('A1', at), `repeat at ${at}`);
  assert.ok(d.accept('A1', 4000));
});

t('a different payload is always accepted and restarts the comparison', () => {
  const d = new ScanDebouncer(1000);
  assert.ok(d.accept('A1', 0));
  assert.ok(d.accept('B2', 10));
  assert.ok(d.accept('A1', 20));
  assert.not.ok(d.accept('A1', 30));
});

t('debounceMs 0 accepts every scan; a clock going backwards does not swallow scans', () => {
  const zero = new ScanDebouncer(0);
  assert.ok(zero.accept('A', 5));
  assert.ok(zero.accept('A', 5));
  const d = new ScanDebouncer(1000);
  assert.ok(d.accept('A', 5000));
  assert.ok(d.accept('A', 100));
});

const i = suite('scan intake');
i('classifies, reports junk with its reason, drops repeats', () => {
  const intake = createScanIntake({ debounceMs: 1000 });
  assert.equal(intake({ payload: 'GLASE1', at: 0 }), { action: 'use', kind: 'glaseId', value: 'GLASE1', at: 0 });
  assert.equal(intake({ payload: 'GLASE1', at: 200 }), { action: 'repeat', value: 'GLASE1', at: 200 });
  const j = intake({ payload: 'GL-1', at: 300 });
  assert.is(j.action, 'junk');
  if (j.action === 'junk') assert.match(j.reason, /letters and digits only/);
  assert.equal(intake({ payload: '2015120408531541501005256', at: 400 }).action, 'use');
});

t.run();
i.run();
