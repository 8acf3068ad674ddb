// The commands' logger: to stderr (at warn unless the config asks for more detail), so
// stdout stays clean for --json.
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../lib/log.js';

export function cliLogger(config: Config): Logger {
  return createLogger({ level: config.log.level === 'info' ? 'warn' : config.log.level, write: (l) => process.stderr.write(l + '\n'), base: { component: 'cli' } });
}
