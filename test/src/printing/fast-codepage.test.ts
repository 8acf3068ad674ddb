import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fastEncode, originalEncode } from '../../../src/printing/fast-codepage.js';

const t = suite('fast code page encoding');

t('same bytes as CodepageEncoder.encode for every code point of several code pages', () => {
  const all = Array.from({ length: 0x2600 }, (_, i) => String.fromCodePoint(i)).join('') + 'Glase Café Åre Øresund € ✓ 😀';
  for (const cp of ['cp437', 'cp858', 'cp850', 'cp865', 'windows1252', 'ascii'] as const) {
    assert.equal(Array.from(fastEncode(all, cp)), Array.from(originalEncode(all, cp)), cp);
  }
});

t('unmappable characters become "?"', () => {
  assert.equal(Array.from(fastEncode('A✓', 'cp437')), [0x41, 0x3f]);
});

t.run();
