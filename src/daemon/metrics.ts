// GET /metrics of the daemon: what a fleet dashboard needs from each till, in Prometheus text.
// Counters of this process (Glase calls, detection latency) plus gauges read at scrape time
// from the store and the devices (payments by outcome come from the store, so they survive
// restarts and count payments resumed after a crash once).
import { Histogram, LabeledCounter, family } from '../lib/prometheus.js';
import type { PrinterView } from '../api/deps.js';
import type { Store } from '../store/store.js';

export interface MetricsSources {
  store: Store;
  printer(): PrinterView;
  version: string;
}

export interface DaemonMetrics {
  /** one finished Glase call: its operation and result (a result code, or an error code) */
  glaseCall(operation: string, result: string): void;
  /** seconds from Glase's payment time to the till seeing it paid */
  detected(seconds: number): void;
  render(): string;
}

// the target is p50 ≤ 0.55 s, p99 ≤ 1.05 s with 1-s polling (bench:payment)
const DETECTION_BOUNDS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30];

export function createDaemonMetrics(src: MetricsSources): DaemonMetrics {
  const calls = new LabeledCounter();
  const detection = new Histogram(DETECTION_BOUNDS);
  return {
    glaseCall: (operation, result) => calls.inc({ operation, result }),
    detected: (s) => detection.observe(s),
    render() {
      const byOutcome = src.store.payments.countFinishedByState();
      const printer = src.printer();
      return [
        family('glase_pos_payments_total', 'counter', 'Finished Glase payments by outcome', Object.entries(byOutcome).map(([outcome, value]) => ({ labels: { outcome }, value }))),
        detection.render('glase_pos_payment_detection_seconds', "Time from Glase's payment time to the till seeing the payment paid"),
        family('glase_pos_glase_calls_total', 'counter', 'Glase SOAP calls by operation and result (resultCode, or the error code when there was no answer)', calls.samples()),
        family('glase_pos_printer_ready', 'gauge', 'Whether the receipt printer can print (1) or not (0)', [{ labels: { kind: printer.kind, reason: printer.ready ? '' : (printer.reason ?? 'unknown') }, value: printer.ready ? 1 : 0 }]),
        family('glase_pos_print_queue_depth', 'gauge', 'Receipts waiting in the print queue', [{ value: src.store.printQueue.pending().length }]),
        family('glase_pos_unfinished_payments', 'gauge', 'Payments not finished yet (in flight, or waiting to resume)', [{ value: src.store.payments.unfinished().length }]),
        family('glase_pos_uptime_seconds', 'gauge', 'Seconds since the daemon started', [{ value: Math.round(process.uptime()) }]),
        family('glase_pos_build_info', 'gauge', 'The running release and Node version', [{ labels: { version: src.version, node: process.version }, value: 1 }]),
        family('process_resident_memory_bytes', 'gauge', 'Resident memory of the daemon', [{ value: process.memoryUsage.rss() }]),
      ].join('');
    },
  };
}
