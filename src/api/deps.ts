// What the API needs from the rest of the till; src/daemon/main.ts provides it.
import type { Config } from '../config.js';
import type { Language, Translator } from '../i18n/i18n.js';
import type { Logger } from '../lib/log.js';
import type { ReceiptLayout } from '../printing/receipt-document.js';
import type { PrintJob } from '../store/print-queue.js';
import type { StoredPost } from '../store/transaction-post.js';
import type { Till } from '../till/index.js';
import type { PinGuard } from './pin.js';

export interface PrinterView {
  kind: string;
  ready: boolean;
  reason?: string;
}

export interface ApiDevices {
  printer(): PrinterView;
  scanner(): { kind: string; connected: boolean };
  /** prints a short test page; ok false with the reason when the printer cannot */
  printerTest(): Promise<{ ok: boolean; status?: unknown; reason?: string }>;
  /** prints a titled page of label/value lines (the health ticket); ok false with the reason when it cannot */
  printFacts(title: string, facts: Array<[string, string]>): Promise<{ ok: boolean; reason?: string }>;
  /** queues a COPY and starts printing it */
  reprint(post: StoredPost): PrintJob;
  /** the admin screen waits for a sticker scan: a Glase ID scanned before the returned time (ms) is assigned */
  awaitGlaseIdScan(forMs: number): number;
}

export interface ApiDeps {
  /** everything the API does to the till's data goes through the till */
  till: Till;
  /** the till's data directory (the kiosk secret file lives there) */
  dataDir: string;
  config: Pick<Config, 'api' | 'payment' | 'terminal' | 'ui'>;
  log: Logger;
  devices: ApiDevices;
  layout: ReceiptLayout;
  pins: PinGuard;
  /** directory of the kiosk screen files (index.html, app.js, …); the catalogues (src/i18n) are its sibling `i18n` */
  uiDir: string;
  /** the shop's language (config ui.language, or the admin's choice kept in the store) */
  language: { get(): Language; set(lang: Language): void };
  /** GET /metrics: Prometheus text (absent: 404) */
  metrics?: () => string;
  /** the health ticket's facts, gathered once, as label/value lines in a translator's language */
  health?: () => Promise<{ lines(tr: Translator): Array<[string, string]> }>;
}
