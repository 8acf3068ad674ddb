// Shared plumbing of the headless till commands (register, assign-id, unregister, status,
// journal, pay, recover, confirm-orphan): config, store, Glase client and till runtime, and
// the one way they report bad usage (exit 2) or a missing Glase server (exit 1).
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createGlaseClient, type GlaseClient } from '../glase/client.js';
import { createLogger, type Logger } from '../lib/log.js';
import { SOAP_PATH } from '../simulator/index.js';
import { openStore, type Store } from '../store/store.js';
import { createTill, type Till } from '../till/till.js';
import { ValidationError } from '../lib/validation-error.js';
import { GlasePosError } from '../lib/errors.js';
import { TillBusyError, acquireTillLock } from '../till/lock.js';
import { parseOptions, type OptionSpec } from './_args.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown by a command to stop with a message and an exit code. */
export class CommandExit extends GlasePosError {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super('command.exit', message);
  }
}

/** Parses options strictly; --help prints the help and exits 0; a bad option exits 2 naming it. */
export function parseCommand<T extends OptionSpec>(argv: string[], options: T, help: string, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseOptions(argv, { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals);
  } catch (e) {
    if (e instanceof ValidationError) throw new CommandExit(EXIT.usage, `${e.message}\n\n${help}`);
    throw e;
  }
  if ((parsed.values as { help?: boolean }).help) throw new CommandExit(EXIT.ok, help);
  return parsed;
}

/** Turns a thrown ValidationError into a usage exit (2) that names the field. */
export function usage(field: string, rule: string, help?: string): CommandExit {
  return new CommandExit(EXIT.usage, `${field}: ${rule}${help ? `\n\n${help}` : ''}`);
}

/** Runs a command body: CommandExit → its message (stdout for 0, stderr otherwise) and code. */
export async function runCommand(name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof CommandExit) {
      if (e.exitCode === 0) console.log(e.message);
      else console.error(`glase-pos ${name}: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof ValidationError) {
      console.error(`glase-pos ${name}: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}

export function cliConfig(file?: string): Config {
  try {
    return loadConfig({ file });
  } catch (e) {
    if (e instanceof ConfigError) throw new CommandExit(EXIT.usage, `${e.message}\n(fix the config file or the GLASE_POS__… environment variable named above)`);
    throw e;
  }
}

/** "embedded" = the simulator the daemon (or `glase-pos simulator`) runs on simulator.port. */
export function glaseEndpoint(config: Config): string {
  return config.glase.url === 'embedded' ? `http://127.0.0.1:${config.simulator.port}${SOAP_PATH}` : config.glase.url;
}

export function noServerMessage(config: Config): string {
  const url = glaseEndpoint(config);
  return config.glase.url === 'embedded'
    ? `no Glase server at ${url}: start \`glase-pos simulator\` or \`npm start\``
    : `no Glase server at ${url}: check the network and glase.url in the config`;
}

/** Logs go to stderr so that stdout stays clean for --json. */
export function cliLogger(config: Config): Logger {
  return createLogger({ level: config.log.level === 'info' ? 'warn' : config.log.level, write: (l) => process.stderr.write(l + '\n'), base: { component: 'cli' } });
}

export interface CliTill {
  config: Config;
  store: Store;
  glase: GlaseClient;
  till: Till;
  log: Logger;
  /** unfinished payments resumed by start() */
  resumed: string[];
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
    glase = await createGlaseClient({ endpoint: glaseEndpoint(config), timeoutMs: config.glase.timeoutMs, caFile: config.glase.caFile, clientId: config.glase.clientId, channel: config.glase.channel, log });
  } catch (e) {
    store.close();
    release();
    throw e;
  }
  const crashAt = process.env.GLASE_POS_TEST_CRASH_AT;
  const api0 = crashAt ? crashingGlase(glase, crashAt) : glase;
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
    },
  });
  if (crashAt) till.subscribe((e) => e.type === 'payment' && e.payment.state === crashAt && crash());
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
  try {
    ({ resumed } = await till.start());
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
    serverReachable: () => !till.readiness().reasons.some((r) => r.code === 'server-unreachable' || r.code === 'server-unknown'),
    close,
  };
}

/** Ends a command's till: closes it and returns the code. */
export async function closing<T>(t: CliTill, body: (t: CliTill) => Promise<T>): Promise<T> {
  try {
    return await body(t);
  } finally {
    await t.close();
  }
}

// Crash injection for the crash test (test/crash): GLASE_POS_TEST_CRASH_AT=<journal state>
// kills this process with SIGKILL right after that state was committed; "poll-paid" and
// "submit-answered" kill it right after Glase answered (acknowledged) but before the till
// could act on the answer. Unset in normal use: nothing is wrapped.
function crash(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

function crashingGlase(g: GlaseClient, at: string): GlaseClient {
  return Object.assign(Object.create(g) as GlaseClient, {
    getPaymentStatus: async (...a: Parameters<GlaseClient['getPaymentStatus']>) => {
      const r = await g.getPaymentStatus(...a);
      if (at === 'poll-paid' && r.ok && r.status === 'PAID') crash();
      return r;
    },
    submitPaymentReceipt: async (...a: Parameters<GlaseClient['submitPaymentReceipt']>) => {
      const r = await g.submitPaymentReceipt(...a);
      if (at === 'submit-answered') crash();
      return r;
    },
  });
}
