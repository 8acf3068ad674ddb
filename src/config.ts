// One config schema: embedded defaults ← JSON file ← environment, validated once at start.
// An invalid config stops the program with every problem listed, each naming its key.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isKnownCurrency, maxAmountMinor } from './lib/money.js';
import { unprintable } from './lib/printable.js';
import { jsonSyntaxWhere } from './lib/json-syntax.js';
import { GlasePosError } from './lib/errors.js';
import { credentialOverrides } from './config-credentials.js';
import { LANGUAGES, LANGUAGE_RULE, type Language } from './i18n/i18n.js';
import { parseEnv } from './config-env.js';

const port = z.number().int().min(0).max(65535);
const usbId = z.union([z.number().int().min(0).max(0xffff), z.string().regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'must be a 16-bit hex id like 0x04b8')]);
const ms = (d: number) => z.number().int().min(0).default(d);
// text keys take only JSON text: a bare number (a token written without quotes) is refused
// naming the key, never turned into text that is not what was meant (issue 9)
const str = z.string({ invalid_type_error: 'must be text in double quotes, like "abc" (a bare number or true/false is not text)' });
/** a string that goes to Glase in every request: no control characters (they make the XML invalid) */
const wireText = str.superRefine((v, ctx) => {
  const why = unprintable(v);
  if (why) ctx.addIssue({ code: z.ZodIssueCode.custom, message: why });
});

export const configSchema = z
  .object({
    dataDir: str.default('./data'),
    log: z.object({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info') }).strict().default({}),
    glase: z
      .object({
        /** SOAP endpoint; "embedded" starts the simulator in the till process (the demo default). */
        url: str.default('embedded'),
        caFile: str.optional(),
        // Short enough that a hung poll is retried well inside the server's 20-s reversal window.
        timeoutMs: ms(5_000),
        clientId: wireText.default('glase-pos'),
        channel: wireText.default('WS'),
      })
      .strict()
      .default({}),
    terminal: z
      .object({
        name: wireText.default('glase-pos till'),
        externalTerminalId: wireText.default('till-1'),
        currency: str.refine(isKnownCurrency, 'must be a supported ISO 4217 code such as SEK').default('SEK'),
      })
      .strict()
      .default({}),
    payment: z
      .object({
        pollIntervalMs: ms(1_000),
        windowMs: ms(30_000),
        /** Unattended mode: cancel automatically after this many unanswered windows. */
        autoCancelWindows: z.number().int().min(1).default(2),
        /**
         * The largest Glase payment the cashier may raise the pre-entered amount to (integer
         * minor units of terminal.currency; default 10 000.00 in a 2-decimal currency). Raising
         * above what is left on the receipt needs a confirmation that shows the difference.
         */
        maxAmount: z.number({ invalid_type_error: 'must be an integer number of minor units' }).int('must be an integer number of minor units').positive('must be an integer number of minor units > 0').default(1_000_000),
      })
      .strict()
      .default({}),
    dayClose: z
      .object({
        /** executeReport tries per report while Glase says REPORT_NOT_READY (shown while closing) */
        reportAttempts: z.number().int().min(1).max(100).default(6),
        /** the wait before the first report, then after each REPORT_NOT_READY (growing ×1.5 up to maxWaitMs) */
        firstWaitMs: ms(3_000),
        retryWaitMs: ms(3_000),
        maxWaitMs: ms(10_000),
      })
      .strict()
      .default({}),
    printer: z
      .object({
        kind: z.enum(['virtual', 'tcp', 'serial', 'usb', 'usblp', 'none']).default('virtual'),
        host: str.optional(),
        port: port.default(9100),
        path: str.optional(),
        baudRate: z.number().int().positive().default(19200),
        vid: usbId.optional(),
        pid: usbId.optional(),
        columns: z.union([z.literal(32), z.literal(42), z.literal(48)]).default(42),
        codePage: str.default('cp437'),
        // printed on every receipt: the same rule as text sent to Glase
        header: z.array(wireText).default(['Glase demo shop']),
        footer: z.array(wireText).default(['Thank you!']),
      })
      .strict()
      .default({}),
    scanner: z
      .object({
        kind: z.enum(['virtual', 'serial', 'usb-hid', 'none']).default('virtual'),
        path: str.optional(),
        baudRate: z.number().int().positive().default(9600),
        vid: usbId.optional(),
        pid: usbId.optional(),
        terminator: z.enum(['CR', 'LF', 'CRLF', 'TAB']).default('CR'),
        debounceMs: ms(1_500),
      })
      .strict()
      .default({}),
    api: z
      .object({
        host: str.default('127.0.0.1'),
        port: port.default(8080),
        /** Bearer token for the host POS; the kiosk screen uses its cookie (from the kiosk secret). */
        token: str.optional(),
        /** Host header names answered besides 127.0.0.1, localhost, [::1] and api.host ("till.local" or "till.local:8080") */
        allowedHosts: z.array(z.string().regex(/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(:\d{1,5})?$/, 'must be a host name or address, optionally with :port')).default([]),
        mode: z.enum(['cashier', 'unattended']).default('cashier'),
      })
      .strict()
      .default({}),
    ui: z
      .object({
        /** the shop's language: screen, phone page, receipt, CLI; the admin may switch it (kept in the store) */
        language: z.enum(LANGUAGES as unknown as [Language, ...Language[]], { errorMap: () => ({ message: LANGUAGE_RULE }) }).default('en'),
        /** a short sound on the kiosk for paid, another for failed or cancelled */
        sound: z.boolean().default(false),
        /** false: "Glase payment" pays what is left at once, without the amount dialog and its Pay */
        confirmAmount: z.boolean().default(true),
      })
      .strict()
      .default({}),
    /** `glase-pos backoffice` (issue 14): the shop's back office service */
    backoffice: z
      .object({
        /** the embedded PGlite database and its key file live here when databaseUrl is not set */
        dataDir: str.default('./data/backoffice'),
        /** postgres://user@host:port/db — a real PostgreSQL server instead of PGlite */
        databaseUrl: str.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
        /** 32-byte key sealing the reseller password (else the systemd credential backoffice-key) */
        keyFile: str.optional(),
        host: str.default('127.0.0.1'),
        port: port.default(8070),
        tlsCertFile: str.optional(),
        tlsKeyFile: str.optional(),
        /** on a till: the CA (PEM) that signed the back office's certificate, when it is not a public CA */
        caFile: str.optional(),
        currency: str.refine(isKnownCurrency, 'must be a supported ISO 4217 code such as SEK').default('SEK'),
        /** the SIE 4 export: the company and its BAS accounts, never hard-coded */
        sie: z
          .object({
            companyName: wireText.default('Exempelbutiken AB'),
            orgNr: str.regex(/^\d{6}-\d{4}$/, 'must be nnnnnn-nnnn').optional(),
            series: str.regex(/^[A-Z0-9]{1,4}$/, 'must be 1-4 capital letters or digits').default('G'),
            /** sales: book sales and VAT too; payment: only the claim against the register's clearing account */
            mode: z.enum(['sales', 'payment']).default('sales'),
            glaseAccount: str.regex(/^\d{4}$/, 'must be a 4-digit BAS account').default('1581'),
            salesAccount: str.regex(/^\d{4}$/, 'must be a 4-digit BAS account').default('3001'),
            vatAccount: str.regex(/^\d{4}$/, 'must be a 4-digit BAS account').default('2611'),
            vatRatePercent: z.number().int().min(0).max(100).default(25),
            roundingAccount: str.regex(/^\d{4}$/, 'must be a 4-digit BAS account').default('3740'),
            clearingAccount: str.regex(/^\d{4}$/, 'must be a 4-digit account').default('1910'),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /** bounded storage (src/store/retention.ts): full rows for fullDays, posts, refunds and day-close records for legalYears */
    retention: z
      .object({
        fullDays: z.number().positive().max(36_500).default(30),
        legalYears: z.number().positive().max(100).default(7),
        batch: z.number().int().min(1).max(10_000).default(200),
        intervalMs: z.number().int().min(100).default(60_000),
        /** readiness warns (storage-low) below this much free space in the data directory */
        lowFreeMB: z.number().int().min(0).default(64),
      })
      .strict()
      .default({}),
    simulator: z
      .object({
        port: port.default(8090),
        reversalMs: ms(20_000),
        reportDelayMs: ms(3_000),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    const need = (cond: boolean, path: string[], rule: string) => {
      if (!cond) ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: rule });
    };
    const p = c.printer;
    if (p.kind === 'tcp') need(!!p.host, ['printer', 'host'], 'is required when printer.kind is tcp');
    if (p.kind === 'serial' || p.kind === 'usblp') need(!!p.path, ['printer', 'path'], `is required when printer.kind is ${p.kind}`);
    if (p.kind === 'usb') {
      need(p.vid !== undefined, ['printer', 'vid'], 'is required when printer.kind is usb');
      need(p.pid !== undefined, ['printer', 'pid'], 'is required when printer.kind is usb');
    }
    const s = c.scanner;
    if (s.kind === 'serial') need(!!s.path, ['scanner', 'path'], 'is required when scanner.kind is serial');
    if (s.kind === 'usb-hid') {
      need(s.vid !== undefined, ['scanner', 'vid'], 'is required when scanner.kind is usb-hid');
      need(s.pid !== undefined, ['scanner', 'pid'], 'is required when scanner.kind is usb-hid');
    }
    if (isKnownCurrency(c.terminal.currency) && c.payment.maxAmount > maxAmountMinor(c.terminal.currency))
      need(false, ['payment', 'maxAmount'], `must be at most ${maxAmountMinor(c.terminal.currency)} minor units (the largest ${c.terminal.currency} amount)`);
    need(c.retention.legalYears * 365 >= c.retention.fullDays, ['retention', 'legalYears'], 'must cover at least retention.fullDays');
    if (c.glase.url !== 'embedded') need(/^https?:\/\//.test(c.glase.url), ['glase', 'url'], 'must be "embedded" or an http(s):// URL');
  });

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export class ConfigError extends GlasePosError {
  constructor(readonly problems: string[]) {
    super('config', `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * GLASE_POS__PRINTER__KIND=tcp → {printer: {kind: 'tcp'}}, each value read by the schema's
 * type at its key path (src/config-env.ts). Throws ConfigError naming each bad variable.
 */
export function envOverrides(env: NodeJS.ProcessEnv, prefix = 'GLASE_POS__'): Record<string, unknown> {
  const { layer, problems } = parseEnv(env, configSchema, prefix);
  if (problems.length) throw new ConfigError(problems);
  return layer;
}

function merge(a: unknown, b: unknown): unknown {
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  }
  return b === undefined ? a : b;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates layered input; throws ConfigError listing every problem by key. */
export function parseConfig(...layers: unknown[]): Config {
  const input = layers.reduce((acc, l) => merge(acc, l), {});
  const r = configSchema.safeParse(input);
  if (r.success) return r.data;
  throw new ConfigError(
    r.error.issues.map((i) => {
      const key = i.path.join('.') || '(root)';
      if (i.code === 'unrecognized_keys') return `${key ? key + ': ' : ''}unknown key(s) ${i.keys.join(', ')}`;
      return `${key}: ${i.message}`;
    }),
  );
}

/** Defaults ← file (GLASE_POS_CONFIG or the given path) ← systemd credentials ← environment. */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; overrides?: ConfigInput } = {}): Config {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env.GLASE_POS_CONFIG;
  let fromFile: unknown = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError([`config file ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`]);
    }
    try {
      fromFile = JSON.parse(text);
    } catch (e) {
      throw new ConfigError([`config file ${file}: is not valid JSON (${jsonSyntaxWhere(e)})`]);
    }
  }
  let fromCredentials: Record<string, unknown>;
  try {
    fromCredentials = credentialOverrides(env);
  } catch (e) {
    throw new ConfigError([(e as Error).message]);
  }
  return parseConfig(fromFile, fromCredentials, envOverrides(env), opts.overrides ?? {});
}
