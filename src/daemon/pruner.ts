// Background pruning (src/store/retention.ts): one small batch per tick, never while a payment
// runs; while a round deletes a full batch the next follows after a short pause (so the event
// loop stays free for the API and polling), then it waits for the interval. Freed pages go
// back to the file system after each round that deleted something.
import type { Logger } from '../lib/log.js';
import { pruneOnce, reclaim, type PruneCounts, type RetentionPolicy } from '../store/retention.js';
import type { Store } from '../store/store.js';

export interface Pruner {
  /** one round now (tests, and the bench); resolves with what it deleted */
  runNow(): PruneCounts;
  stop(): void;
}

const PAUSE_MS = 50;

export function startPruner(o: { store: Store; policy: RetentionPolicy; intervalMs: number; busy: () => boolean; log: Logger }): Pruner {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const round = (): PruneCounts => {
    const counts = pruneOnce(o.store.db, o.policy);
    if (Object.keys(counts).length) {
      reclaim(o.store.db);
      o.log.info('pruned', counts);
    }
    return counts;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    if (o.busy()) return schedule(PAUSE_MS * 20);
    let more = false;
    try {
      more = Object.values(round()).some((n) => n >= o.policy.batch);
    } catch (e) {
      o.log.warn('pruning failed', { error: e as Error });
    }
    schedule(more ? PAUSE_MS : o.intervalMs);
  };
  schedule(Math.min(o.intervalMs, 5_000));
  return {
    runNow: round,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
