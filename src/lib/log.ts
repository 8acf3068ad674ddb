// One line per record on stdout, prefixed with a syslog level journald understands (<N>).
// Fields whose names look secret are masked, so a password never reaches a log line.

export type Level = 'debug' | 'info' | 'warn' | 'error';
const SYSLOG: Record<Level, number> = { debug: 7, info: 6, warn: 4, error: 3 };
const ORDER: Level[] = ['debug', 'info', 'warn', 'error'];
const SECRET = /pass(word)?|pin|secret|token|authorization/i;

export type Fields = Record<string, unknown>;
export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export function redact(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET.test(k)) out[k] = '***';
    else if (v instanceof Error) out[k] = v.message;
    else out[k] = v;
  }
  return out;
}

export function createLogger(
  opts: { level?: Level; write?: (line: string) => void; base?: Fields } = {},
): Logger {
  const min = ORDER.indexOf(opts.level ?? 'info');
  const write = opts.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const base = opts.base ?? {};
  const emit = (level: Level, msg: string, fields?: Fields) => {
    if (ORDER.indexOf(level) < min) return;
    const all = redact({ ...base, ...fields });
    const rest = Object.entries(all)
      .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s|"/.test(v) ? v : JSON.stringify(v)}`)
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
