import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Histogram, LabeledCounter, family } from '../../../src/lib/prometheus.js';

const t = suite('prometheus text exposition');

t('a family has HELP, TYPE and its samples; label values are escaped', () => {
  assert.is(
    family('x_total', 'counter', 'calls', [{ labels: { op: 'a"b\\c\nd' }, value: 2 }, { value: 1 }]),
    '# HELP x_total calls\n# TYPE x_total counter\nx_total{op="a\\"b\\\\c\\nd"} 2\nx_total 1\n',
  );
});

t('a labeled counter adds per label set', () => {
  const c = new LabeledCounter();
  c.inc({ op: 'send', result: '0' });
  c.inc({ op: 'send', result: '0' });
  c.inc({ op: 'poll', result: 'timeout' });
  assert.equal(c.samples(), [{ labels: { op: 'send', result: '0' }, value: 2 }, { labels: { op: 'poll', result: 'timeout' }, value: 1 }]);
});

t('a histogram has cumulative buckets, +Inf, sum and count', () => {
  const h = new Histogram([0.5, 1]);
  h.observe(0.25);
  h.observe(0.75);
  h.observe(3);
  assert.is(
    h.render('d_seconds', 'latency'),
    '# HELP d_seconds latency\n# TYPE d_seconds histogram\nd_seconds_bucket{le="0.5"} 1\nd_seconds_bucket{le="1"} 2\nd_seconds_bucket{le="+Inf"} 3\nd_seconds_sum 4\nd_seconds_count 3\n',
  );
});

t.run();
