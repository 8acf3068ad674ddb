// One line per record on stdout, prefixed with a syslog level journald understands (<N>).
// Fields whose names look secret are masked at any depth, so a password never reaches a log
// line (src/lib/log-fields.ts). An error field shows its cause chain on one line; a logger at
// `debug` shows each error's stack, code and full cause chain instead.
import { redact, type Fields } from './log-fields.js';

export type { Fields } from './log-fields.js';
export { redact } from './log-fields.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const SYSLOG: Record<Level, number> = { debug: 7, info: 6, warn: 4, error: 3 };
const ORDER: Level[] = ['debug', 'info', 'warn', 'error'];

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

/** key=value bare when it is plain printable text, JSON otherwise (quotes, spaces, newlines stay on one line). */
function value(v: unknown): string {
  return typeof v === 'string' && /^[^\s"\\\p{C}]+$/u.test(v) ? v : String(JSON.stringify(v));
}

export function createLogger(
  opts: { level?: Level; write?: (line: string) => void; base?: Fields } = {},
): Logger {
  const min = ORDER.indexOf(opts.level ?? 'info');
  const detail = opts.level === 'debug' ? 'full' : 'line';
  const write = opts.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const base = opts.base ?? {};
  const emit = (level: Level, msg: string, fields?: Fields) => {
    if (ORDER.indexOf(level) < min) return;
    const all = redact({ ...base, ...fields }, detail);
    const rest = Object.entries(all)
      .map(([k, v]) => `${k}=${value(v)}`)
      .join(' ');
    write(`<${SYSLOG[level]}>${level} ${msg}${rest ? ' ' + rest : ''}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => createLogger({ ...opts, base: { ...base, ...f } }),
  };
}

/** A logger that drops everything: the default in tests. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });
