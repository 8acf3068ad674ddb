// Prometheus text exposition (format 0.0.4), hand-written: counters with labels, gauges and
// one histogram cover the till's metrics in ~80 lines, with no dependency, no timers and no
// default collectors (prom-client would add its module graph to the daemon's memory for a
// handful of series that are read once per scrape).

export type Labels = Record<string, string>;
export interface Sample {
  labels?: Labels;
  value: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (l?: Labels) => {
  const pairs = Object.entries(l ?? {});
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
};
const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

/** one metric family: HELP, TYPE and its samples */
export function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: Sample[], suffix = ''): string {
  const lines = [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
  for (const s of samples) lines.push(`${name}${suffix}${labelText(s.labels)} ${num(s.value)}`);
  return lines.join('\n') + '\n';
}

/** a counter keyed by its label values */
export class LabeledCounter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  inc(labels: Labels, by = 1): void {
    const key = JSON.stringify(labels);
    const cur = this.values.get(key);
    if (cur) cur.value += by;
    else this.values.set(key, { labels, value: by });
  }
  samples(): Sample[] {
    return [...this.values.values()].map(({ labels, value }) => ({ labels, value }));
  }
}

/** a histogram with fixed upper bounds (seconds, say) */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(readonly bounds: number[]) {
    this.counts = bounds.map(() => 0);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    this.bounds.forEach((b, i) => {
      if (v <= b) this.counts[i]++;
    });
  }
  render(name: string, help: string): string {
    const buckets = [...this.bounds.map((b, i) => ({ labels: { le: String(b) }, value: this.counts[i] })), { labels: { le: '+Inf' }, value: this.count }];
    return [
      family(name, 'histogram', help, buckets, '_bucket').trimEnd(),
      `${name}_sum ${num(this.sum)}`,
      `${name}_count ${this.count}`,
    ].join('\n') + '\n';
  }
}
