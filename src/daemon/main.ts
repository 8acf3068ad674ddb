// The one composition root of the till daemon: config → log → store → Glase (embedded
// simulator or a real server) → devices (printer + spooler, scanner) → till → API → demo
// bootstrap → sd_notify. startDaemon is used by `glase-pos daemon` and by tests in-process.
// What production does not run is imported only when the config asks for it (the embedded
// simulator, the demo bootstrap here; the emulators and device drivers in devices.ts), so a
// till's daemon never loads it (README, Performance).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PinGuard } from '../api/pin.js';
import { startApi, type ApiServer } from '../api/server.js';
import type { Config } from '../config.js';
import { acquireTillLock, createTill, type Till } from '../till/index.js';
import { startDevices, type Devices } from './devices.js';
import { routeScans } from './scans.js';
import type { DemoResult } from './demo-bootstrap.js';
import { createGlaseClient, type GlaseClient } from '../glase/client.js';
import { glaseClientOptions } from '../glase/options.js';
import { createLogger, type Logger } from '../lib/log.js';
import { privateDir } from '../lib/private-files.js';
import type { PrinterEmulator } from '../../drivers/virtual/printer-emulator.js';
import type { Spooler } from '../printing/spooler.js';
import type { ScannerEmulator } from '../../drivers/virtual/scanner-emulator.js';
import { sdNotify } from './sd-notify.js';
import { createDaemonMetrics } from './metrics.js';
import { instrumentGlase } from './glase-instrument.js';
import { healthFacts, healthLines } from './health-ticket.js';
import { appVersion } from '../update/release-info.js';
import { portError } from './ports.js';
import { openStore, type Store } from '../store/store.js';
import { startPruner } from './pruner.js';
import { Shipper } from '../shipper/shipper.js';
import { backofficeFetch } from '../shipper/backoffice-fetch.js';
import { chooseShopLanguage, shopLanguage } from '../store/shop-language.js';

export const UI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'ui');

export interface DaemonOptions {
  /** default: a stdout logger at config.log.level */
  log?: Logger;
  /** the demo bootstrap of `npm start`; default: GLASE_POS_DEMO=1 */
  demo?: boolean;
  /** sd_notify READY/WATCHDOG (default true; a no-op without NOTIFY_SOCKET) */
  notify?: boolean;
  /** for console lines meant for a person (URLs, the demo PIN); default: the logger */
  say?: (line: string) => void;
}

export interface DaemonHandle {
  config: Config;
  apiUrl: string;
  simulatorUrl?: string;
  phoneUrl?: string;
  printerEmulator?: PrinterEmulator;
  /** the receipt spooler (none with printer.kind none); tests wait on its drained() */
  spooler?: Spooler;
  scannerEmulator?: ScannerEmulator;
  till: Till;
  store: Store;
  demo?: DemoResult;
  stop(): Promise<void>;
}

export async function startDaemon(config: Config, opts: DaemonOptions = {}): Promise<DaemonHandle> {
  const log = opts.log ?? createLogger({ level: config.log.level });
  const say = opts.say ?? ((l: string) => log.info(l));
  const stops: Array<[string, () => Promise<void> | void]> = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const [name, f] of stops.reverse()) {
        try {
          await f();
        } catch (e) {
          log.warn(`stopping ${name} failed`, { error: e as Error });
        }
      }
    })());

  try {
    // one till process per data dir (before the store opens: its start-up repairs files);
    // the CLI's till commands refuse while the daemon runs
    privateDir(config.dataDir);
    const release = acquireTillLock(config.dataDir);
    stops.push(['till lock', release]);
    const store = openStore(config.dataDir);
    stops.push(['store', () => store.close()]);

    // Glase: the embedded simulator, or one already running with this till's data
    let simulatorUrl: string | undefined;
    let endpoint = config.glase.url;
    if (config.glase.url === 'embedded') {
      const { embeddedSimulator } = await import('./embedded-simulator.js');
      const sim = await embeddedSimulator(config, log);
      if (sim.close) stops.push(['simulator', sim.close]);
      simulatorUrl = sim.url;
      endpoint = sim.soapUrl;
      // the demo reseller always exists in the embedded simulator, so registering works out of the box
      const { ensureDemoReseller } = await import('./demo-bootstrap.js');
      await ensureDemoReseller(sim.url);
    }
    // /metrics: Glase calls are counted by a wrapper around the client
    let devices: Devices | undefined;
    const version = appVersion();
    const metrics = createDaemonMetrics({ store, version, printer: () => devices?.api.printer() ?? { kind: config.printer.kind, ready: false, reason: 'starting' } });
    const glase: GlaseClient = instrumentGlase(await createGlaseClient(glaseClientOptions(config.glase, { endpoint, log: log.child({ component: 'glase' }) })), metrics);
    stops.push(['glase client', () => glase.close()]);

    devices = await startDevices(config, store, log);
    const started = devices;
    stops.push(['devices', () => started.stop()]);

    // enrolment on the admin screen and the shipper reach the back office alike (backoffice.caFile)
    const toBackoffice = backofficeFetch(config.backoffice.caFile);
    let api: ApiServer | undefined;
    const till = createTill({
      store,
      glase,
      log: log.child({ component: 'till' }),
      config: { terminal: config.terminal, payment: config.payment, api: { mode: config.api.mode }, dayClose: config.dayClose },
      lock: false, // taken above, before the store was opened
      checkTerminalAtStart: true, // readiness learns a till Glase forgot (29) before a payment fails
      backofficeFetch: toBackoffice,
      version,
      lowFreeBytes: config.retention.lowFreeMB * 1024 * 1024,
      printerStatus: devices.printerStatus,
      onReceiptQueued: (job) => {
        void devices.spooler?.kick();
        log.debug('receipt queued', { job: job.id, ersReference: job.ersReference });
      },
    });
    stops.push(['till', () => till.stop()]);
    devices.spooler?.on('printed', (job) => api?.publish('receipt', { ersReference: job.ersReference, copy: job.copy, jobId: job.id, svgUrl: '/api/receipts/last.svg' }));
    devices.spooler?.on('readiness', () => api?.publish('printer', devices.api.printer()));
    devices.spooler?.on('failed', (job, e) => api?.publish('printer', { ...devices.api.printer(), failedJob: job.id, error: e.code }));

    // recovery of unfinished payments happens here, before the API accepts anything
    const { resumed } = await till.start();
    if (resumed.length) log.warn('resumed unfinished payments', { count: resumed.length });

    // bounded storage: small batches in the background, never while a payment runs
    const pruner = startPruner({
      store,
      policy: config.retention,
      intervalMs: config.retention.intervalMs,
      busy: () => till.readiness().reasons.some((r) => r.code === 'payment-in-progress'),
      log: log.child({ component: 'retention' }),
    });
    stops.push(['pruner', () => pruner.stop()]);
    // the outbox to the shop's back office, when this till is enrolled with one (issue 14)
    const shipper = new Shipper({ store, log: log.child({ component: 'shipper' }), version: process.env.npm_package_version, fetch: toBackoffice });
    shipper.start();
    stops.push(['shipper', () => shipper.stop()]);

    const scans = routeScans({ scanner: devices.scanner, till, log: log.child({ component: 'scan' }), debounceMs: config.scanner.debounceMs, publish: (e, d) => api?.publish(e, d) });
    stops.push(['scan routing', () => scans.stop()]);

    // a taken port is named with the setting that changes it (never a raw EADDRINUSE)
    api = await startApi(
      {
        till,
        dataDir: store.dataDir,
        config,
        log: log.child({ component: 'api' }),
        devices: { ...devices.api, awaitGlaseIdScan: (ms) => scans.armGlaseId(ms) },
        layout: devices.layout,
        pins: new PinGuard({ settings: store.settings }),
        uiDir: UI_DIR,
        language: { get: () => shopLanguage(store.settings, config.ui.language), set: (lang) => chooseShopLanguage(store.settings, lang) },
        metrics: () => metrics.render(),
        health: async () => {
          const h = await healthFacts({
            version, glase, devices: started.api, dataDir: config.dataDir,
            lastZ: () => {
              const z = till.zReports(1)[0]?.report;
              return z && { zNumber: z.zNumber, closedAt: z.closedAt, verdict: z.verdict };
            },
          });
          return { lines: (tr) => healthLines(h, tr) };
        },
      },
      { host: config.api.host, port: config.api.port },
    ).catch((e: unknown) => {
      throw portError(e, 'api.port', config.api.host, config.api.port);
    });
    const apiServer = api;
    stops.push(['api', () => apiServer.close()]);

    // the demo registers with the simulator's demo reseller: never against a real Glase server
    const wantDemo = opts.demo ?? process.env.GLASE_POS_DEMO === '1';
    if (wantDemo && !simulatorUrl) log.warn('demo bootstrap skipped: glase.url is a real server, register the till in the admin menu');
    const demo = wantDemo && simulatorUrl ? await (await import('./demo-bootstrap.js')).demoBootstrap({ till, store, log, simulatorUrl, say }) : undefined;

    const notify = sdNotify(process.env, log);
    if (opts.notify !== false) {
      void notify.ready('till ready');
      notify.startWatchdog();
    }
    stops.push(['sd_notify', () => notify.close()]);

    const actual: Config = { ...config, api: { ...config.api, port: api.port }, simulator: { ...config.simulator, port: simulatorUrl ? Number(new URL(simulatorUrl).port) : config.simulator.port } };
    const phoneUrl = simulatorUrl ? `${simulatorUrl}/phone` : undefined;
    log.info('till ready', { api: api.url, simulator: simulatorUrl, phone: phoneUrl, printer: devices.printerEmulator ? `emulator 127.0.0.1:${devices.printerEmulator.port}` : config.printer.kind, scanner: devices.scannerEmulator?.devicePath ?? config.scanner.kind });
    return {
      config: actual,
      apiUrl: api.url,
      ...(simulatorUrl ? { simulatorUrl, phoneUrl } : {}),
      printerEmulator: devices.printerEmulator,
      spooler: devices.spooler,
      scannerEmulator: devices.scannerEmulator,
      till,
      store,
      ...(demo ? { demo } : {}),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
