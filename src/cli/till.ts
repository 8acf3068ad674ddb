// The till of the headless commands (register, assign-id, unregister, pay, recover): the
// store, the Glase client and the till runtime in this process, under the till lock, so
// only one process runs payments over a data directory.
import type { Config } from '../config.js';
import { createGlaseClient, type GlaseClient } from '../glase/client.js';
import { glaseClientOptions } from '../glase/options.js';
import { glaseEndpoint } from './glase.js';
import type { Logger } from '../lib/log.js';
import { openStore, type Store } from '../store/store.js';
import { TillBusyError, acquireTillLock, createTill, type Till } from '../till/index.js';
import { CommandExit, EXIT } from './exit.js';
import { cliLogger } from './log.js';
import { useShopLanguage } from './language.js';
import { testCrashInjection } from './test-crash.js';

export interface CliTill {
  config: Config;
  store: Store;
  glase: GlaseClient;
  till: Till;
  log: Logger;
  /** unfinished payments resumed by start() */
  resumed: string[];
  /** unfinished refunds resumed by start() (never sent again: they finish booking or stay in doubt) */
  resumedRefunds: string[];
  serverReachable(): boolean;
  close(): Promise<void>;
}

/**
 * Opens the store, the Glase client and the till. start() resumes every unfinished payment
 * before anything else (their polling restarts at once) and waits for the first server probe.
 */
export async function openCliTill(config: Config, opts: { terminalName?: string; wrap?: (g: GlaseClient) => GlaseClient } = {}): Promise<CliTill> {
  const log = cliLogger(config);
  const store = openStore(config.dataDir);
  useShopLanguage(store.settings, config);
  let release: () => void;
  try {
    release = acquireTillLock(config.dataDir);
  } catch (e) {
    store.close();
    if (e instanceof TillBusyError) throw new CommandExit(EXIT.failed, e.message);
    throw e;
  }
  let glase: GlaseClient;
  try {
    glase = await createGlaseClient(glaseClientOptions(config.glase, { endpoint: glaseEndpoint(config), log }));
  } catch (e) {
    store.close();
    release();
    throw e;
  }
  const crash = testCrashInjection(process.env);
  const api0 = crash ? crash.wrapGlase(glase) : glase;
  const api = opts.wrap ? opts.wrap(api0) : api0;
  const till = createTill({
    store,
    glase: api,
    log,
    lock: false, // taken above, before the store was opened
    config: {
      terminal: { ...config.terminal, ...(opts.terminalName ? { name: opts.terminalName } : {}) },
      payment: config.payment,
      api: { mode: config.api.mode },
      dayClose: config.dayClose,
    },
  });
  crash?.watch(till);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await till.stop();
    await glase.close();
    store.close();
    release();
  };
  let resumed: string[];
  let resumedRefunds: string[];
  try {
    ({ resumed, resumedRefunds } = await till.start());
  } catch (e) {
    await close();
    throw e;
  }
  return {
    config,
    store,
    glase,
    till,
    log,
    resumed,
    resumedRefunds,
    serverReachable: () => !till.readiness().reasons.some((r) => r.code === 'server-unreachable' || r.code === 'server-unknown'),
    close,
  };
}

/** Runs a command's body with its till and closes the till afterwards, whatever happened. */
export async function closing<T>(t: CliTill, body: (t: CliTill) => Promise<T>): Promise<T> {
  try {
    return await body(t);
  } finally {
    await t.close();
  }
}
