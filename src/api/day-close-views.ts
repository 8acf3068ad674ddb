// What the API answers about day closes: a stored Z as one object (its report and, when an
// admin saw its differences, the acknowledgement), and what the status bar needs.
import type { StoredZ } from '../store/day-closes.js';
import type { Till } from '../till/index.js';

export const zOut = (z: StoredZ) => ({ ...z.report, ...(z.acknowledged ? { acknowledged: z.acknowledged } : {}) });

/** Closes whose differences nobody acknowledged yet, newest last, and the unfinished close. */
export function attentionOut(till: Pick<Till, 'closesNeedingAttention' | 'dayClose'>) {
  const { unfinished, active } = till.dayClose();
  return {
    closes: till.closesNeedingAttention().map((z) => ({ zNumber: z.report.zNumber, closedAt: z.report.closedAt, differences: z.report.differences.filter((d) => d.attention).length })),
    ...(active ? { active } : {}),
    ...(unfinished && !active ? { unfinished } : {}),
  };
}
