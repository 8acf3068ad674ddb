// The daemon's devices: the receipt printer with its spooler, and the barcode scanner. With
// kind 'virtual' the emulators start first and the real drivers connect to them (TCP for the
// printer, a socat pty for the scanner), so the till runs its real transports.
import { createPrinter } from '../../drivers/printer/create-printer.js';
import type { DeviceError } from '../../drivers/printer/device-error.js';
import type { Printer } from '../../drivers/printer/printer.js';
import { createScanner } from '../../drivers/scanner/create-scanner.js';
import type { Scanner } from '../../drivers/scanner/scanner.js';
import type { PrinterEmulator } from '../../drivers/virtual/printer-emulator.js';
import type { ScannerEmulator } from '../../drivers/virtual/scanner-emulator.js';
import type { ApiDevices, PrinterView } from '../api/deps.js';
import type { Config } from '../config.js';
import type { Logger } from '../lib/log.js';
import { Spooler, type SpoolerReadiness } from '../printing/spooler.js';
import { blocksToEscPos } from '../printing/escpos.js';
import { receiptTranslator, type ReceiptLayout } from '../printing/receipt-document.js';
import { paperText } from '../i18n/i18n.js';
import { layoutFromConfig } from '../printing/layout-from-config.js';
import { shopLanguage } from '../store/shop-language.js';
import type { Store } from '../store/store.js';
import type { PrinterState } from '../till/index.js';

const REASONS: Partial<Record<DeviceError['code'], string>> = {
  paperOut: 'out of paper',
  coverOpen: 'the cover is open',
  disconnected: 'not connected',
  timeout: 'does not answer',
  noStatus: 'does not answer status queries',
};

export interface Devices {
  printer?: Printer;
  spooler?: Spooler;
  scanner: Scanner;
  printerEmulator?: PrinterEmulator;
  scannerEmulator?: ScannerEmulator;
  layout: ReceiptLayout;
  /** for the till's printerStatus option */
  printerStatus?: (report: (s: PrinterState) => void) => () => void;
  api: Omit<ApiDevices, 'awaitGlaseIdScan'>;
  stop(): Promise<void>;
}

export function printerState(r: SpoolerReadiness): PrinterState {
  return r.ready ? { ready: true } : { ready: false, reason: REASONS[r.code] ?? r.message.replace(/^The printer /, '').toLowerCase() };
}

export async function startDevices(config: Config, store: Store, log: Logger): Promise<Devices> {
  const p = config.printer;
  const layout: ReceiptLayout = layoutFromConfig(p, undefined, () => shopLanguage(store.settings, config.ui.language));
  const cleanup: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const f of cleanup.reverse()) await f().catch((e: unknown) => log.warn('device stop failed', { error: e as Error }));
    cleanup.length = 0;
  };
  try {
    let printerEmulator: PrinterEmulator | undefined;
    if (p.kind === 'virtual') {
      // the emulators are loaded only for kind virtual: a till's daemon never imports them
      const { startPrinterEmulator } = await import('../../drivers/virtual/printer-emulator.js');
      printerEmulator = await startPrinterEmulator({ columns: p.columns });
      cleanup.push(() => printerEmulator!.close());
      log.info('printer emulator listening', { host: printerEmulator.host, port: printerEmulator.port });
      // what the virtual printer decoded from the ESC/POS bytes it received, line by line (README: where to see a receipt)
      printerEmulator.core.on('document', (doc) => log.info('virtual printer printed', { lines: doc.lines, barcodes: doc.barcodes.map((b) => b.data), cut: doc.cut }));
    }
    // config.printer and config.scanner satisfy the drivers' own setting types (PrinterConfig,
    // ScannerConfig): tsc checks the fit here, the drivers know nothing of src/config.
    const printer = await createPrinter(p, printerEmulator ? { virtual: { host: printerEmulator.host, port: printerEmulator.port } } : {});
    let spooler: Spooler | undefined;
    if (printer) {
      cleanup.push(() => printer.close());
      spooler = new Spooler({ queue: store.printQueue, printer, layout, log: log.child({ component: 'spooler' }) });
      cleanup.push(() => spooler!.stop());
      spooler.start();
    }

    const s = config.scanner;
    let scannerEmulator: ScannerEmulator | undefined;
    if (s.kind === 'virtual' && !s.path) {
      const { startScannerEmulator } = await import('../../drivers/virtual/scanner-emulator.js');
      scannerEmulator = await startScannerEmulator({ terminator: s.terminator });
      cleanup.push(() => scannerEmulator!.close());
      log.info('scanner emulator ready', { path: scannerEmulator.path, typeInto: scannerEmulator.devicePath });
    }
    const scanner = await createScanner(s, { log, virtualPath: scannerEmulator?.path });
    scanner.on('error', (e) => log.warn('scanner error', { error: e }));
    scanner.on('connected', () => log.info('scanner connected', { kind: s.kind }));
    scanner.on('disconnected', () => log.warn('scanner disconnected', { kind: s.kind }));
    cleanup.push(() => scanner.stop());
    await scanner.start();

    const printerView = (): PrinterView => {
      if (!spooler) return { kind: p.kind, ready: true, reason: 'no printer configured' };
      const st = printerState(spooler.printerReady());
      return { kind: p.kind, ...st };
    };
    // a page straight to the printer (not the receipt queue): test page, health ticket
    const printBlocks = async (blocks: Parameters<typeof blocksToEscPos>[0]) => {
      if (!printer) return { ok: false, reason: 'no printer is configured (printer.kind is none)' };
      try {
        return { ok: true, status: await printer.print(blocksToEscPos(blocks, layout)) };
      } catch (e) {
        const err = e as DeviceError;
        return { ok: false, reason: `the receipt printer ${REASONS[err.code] ?? err.message}` };
      }
    };
    const api: Devices['api'] = {
      printer: printerView,
      scanner: () => ({ kind: s.kind, connected: scanner.isConnected }),
      // the test page and the health ticket speak the shop's language, as its receipts do
      printerTest: () => {
        const tr = receiptTranslator(layout.language);
        return printBlocks([
          { kind: 'line', text: tr.t('paper.test.title'), align: 'center', bold: true },
          { kind: 'rule' },
          ...layout.header.map((text) => ({ kind: 'line' as const, text, align: 'center' as const })),
          { kind: 'pair', label: tr.t('paper.test.printed'), value: paperText(tr.dateTime(new Date(), { timeZone: layout.timeZone })) },
          { kind: 'pair', label: tr.t('paper.test.columns'), value: String(layout.columns) },
          { kind: 'barcode', symbology: 'code128', data: '0123456789' },
          { kind: 'cut' },
        ]);
      },
      printFacts: (title, facts) =>
        printBlocks([
          { kind: 'line', text: paperText(title), align: 'center', bold: true },
          { kind: 'rule' },
          ...facts.map(([label, value]) => ({ kind: 'pair' as const, label: paperText(label), value: paperText(value) })),
          { kind: 'cut' },
        ]),
      reprint(post) {
        if (!spooler) return store.printQueue.enqueue(post, { copy: true });
        return spooler.enqueue(post, { copy: true });
      },
    };

    return {
      printer,
      spooler,
      scanner,
      printerEmulator,
      scannerEmulator,
      layout,
      printerStatus: spooler
        ? (report) => {
            const on = (r: SpoolerReadiness) => report(printerState(r));
            spooler!.on('readiness', on);
            report(printerState(spooler!.printerReady()));
            return () => spooler!.off('readiness', on);
          }
        : undefined,
      api,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
