// What a scan does in the running till. Every scan passes the intake (debounce + payload
// check): a Glase ID assigns it when the admin armed the assignment or the registered till has
// none yet; an ersReference while no payment runs opens a refund lookup; junk is reported
// (SSE `scan` + a log line) and never acted on.
import type { Scanner } from '../../drivers/scanner/index.js';
import { receiptWithRefunds } from '../api/refund-views.js';
import type { Logger } from '../lib/log.js';
import { createScanIntake } from '../scan/scan-intake.js';
import type { Till } from '../till/index.js';

export interface ScanRouting {
  /** the admin screen waits for a sticker scan until this time (ms) */
  armGlaseId(forMs: number): number;
  disarm(): void;
  stop(): void;
}

export function routeScans(o: { scanner: Scanner; till: Till; log: Logger; debounceMs: number; publish: (event: string, data: unknown) => void; now?: () => number }): ScanRouting {
  const intake = createScanIntake({ debounceMs: o.debounceMs });
  const now = o.now ?? Date.now;
  let armedUntil = 0;

  const onScan = async (scan: { payload: string; at: number }) => {
    const out = intake(scan);
    if (out.action === 'repeat') return o.log.debug('repeated scan ignored');
    if (out.action === 'junk') {
      o.log.warn('scan ignored', { reason: out.reason });
      return o.publish('scan', { kind: 'junk', reason: out.reason });
    }
    if (out.kind === 'glaseId') {
      const setup = o.till.setup();
      const armed = now() < armedUntil;
      const unassigned = setup.state === 'registered' && !setup.glaseId;
      if (!armed && !unassigned) {
        o.log.info('Glase ID scanned but not awaited; ignored', { glaseId: out.value });
        return o.publish('scan', { kind: 'glaseId', value: out.value, action: 'ignored', message: 'open Glase ID registration in the admin menu to assign a scanned sticker' });
      }
      armedUntil = 0;
      o.publish('scan', { kind: 'glaseId', value: out.value, action: 'assigning' });
      const r = await o.till.assignGlaseId(out.value, 'admin@scanner'); // the till audits it
      o.log.info('Glase ID scanned', { glaseId: out.value, ok: r.ok });
      return o.publish('scan', { kind: 'glaseId', value: out.value, action: r.ok ? 'assigned' : 'refused', message: r.message, setup: o.till.setup() });
    }
    // ersReference: a receipt was scanned, the start of a refund
    if (o.till.currentPayment()) {
      o.log.info('receipt scanned during a payment; ignored', { ersReference: out.value });
      return o.publish('scan', { kind: 'ersReference', value: out.value, action: 'ignored', message: 'a Glase payment is in progress' });
    }
    // the receipt with its refunds and refundable rest: the screen offers a refund from here
    const found = receiptWithRefunds(o, out.value);
    o.log.info('refund lookup', { ersReference: out.value, found: !!found?.post });
    o.publish('scan', { kind: 'ersReference', value: out.value, action: 'lookup', found: found ?? null, message: found?.post ? 'receipt found in the journal' : 'no Glase payment with this reference on this till' });
  };
  const listener = (s: { payload: string; at: number }) => void onScan(s).catch((e: unknown) => o.log.error('scan handling failed', { error: e as Error }));
  o.scanner.on('scanned', listener);
  return {
    armGlaseId(forMs) {
      armedUntil = now() + forMs;
      return armedUntil;
    },
    disarm: () => void (armedUntil = 0),
    stop: () => void o.scanner.off('scanned', listener),
  };
}
