// One step from a driver's `scanned` event to what the till does with it: repeats are dropped,
// junk is reported with its reason, anything else is classified for terminal setup or refunds.
import type { ScanEvent } from '../../drivers/scanner/scanner.js';
import { ScanDebouncer } from './debounce.js';
import { classifyScan } from './payload.js';

export type ScanOutcome =
  | { action: 'use'; kind: 'glaseId' | 'ersReference'; value: string; at: number }
  | { action: 'junk'; value: string; reason: string; at: number }
  | { action: 'repeat'; value: string; at: number };

export function createScanIntake(opts: { debounceMs: number }): (scan: ScanEvent) => ScanOutcome {
  const debouncer = new ScanDebouncer(opts.debounceMs);
  return ({ payload, at }) => {
    if (!debouncer.accept(payload, at)) return { action: 'repeat', value: payload, at };
    const c = classifyScan(payload);
    if (c.kind === 'junk') return { action: 'junk', value: c.value, reason: c.reason, at };
    return { action: 'use', kind: c.kind, value: c.value, at };
  };
}
