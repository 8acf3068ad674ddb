// Where the commands' messages go: logs to stderr (at warn unless the config asks for more
// detail), so stdout stays clean for --json; and the one wording for a missing Glase server.
import type { Config } from '../config.js';
import { glaseEndpoint } from '../glase/endpoint.js';
import { createLogger, type Logger } from '../lib/log.js';

export function cliLogger(config: Config): Logger {
  return createLogger({ level: config.log.level === 'info' ? 'warn' : config.log.level, write: (l) => process.stderr.write(l + '\n'), base: { component: 'cli' } });
}

export function noServerMessage(config: Config): string {
  const url = glaseEndpoint(config);
  return config.glase.url === 'embedded'
    ? `no Glase server at ${url}: start \`glase-pos simulator\` or \`npm start\``
    : `no Glase server at ${url}: check the network and glase.url in the config`;
}
