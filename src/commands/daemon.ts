// `glase-pos daemon`: runs the till (API, kiosk screen, devices, Glase) until SIGINT/SIGTERM,
// then stops everything cleanly: unfinished payments stay in the store and resume next start.
import { createLogger } from '../lib/log.js';
import { startDaemon } from '../daemon/main.js';
import { ValidationError } from '../lib/validation-error.js';
import { loadConfigOrReport, parseOptions } from './_args.js';

export const summary = 'run the till: local API, kiosk screen, printer, scanner, Glase';

const HELP = `usage: glase-pos daemon [--config FILE] [--demo]

  --config FILE   config file (default: $GLASE_POS_CONFIG); GLASE_POS__A__B=value overrides a key
  --demo          demo bootstrap on first run: register with the embedded simulator, assign a
                  demo Glase ID, set the demo admin PIN (also GLASE_POS_DEMO=1)`;

export async function run(argv: string[]): Promise<number> {
  let file: string | undefined;
  let demo = process.env.GLASE_POS_DEMO === '1';
  try {
    const { values } = parseOptions(argv, { config: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    file = values.config;
    demo ||= values.demo === true;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    console.error(`glase-pos daemon: ${e.message}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfigOrReport(file);
  if (!config) return 2;
  const log = createLogger({ level: config.log.level, base: { component: 'daemon' } });
  // a signal during start-up still stops cleanly once start-up is done
  let signalled: string | undefined;
  // handlers stay installed: a second Ctrl-C (terminal + npm start both forward it) must not
  // kill the process halfway through closing the database
  const wait = new Promise<string>((resolve) => {
    const on = (sig: string) => () => {
      if (signalled) return;
      signalled = sig;
      resolve(sig);
    };
    process.on('SIGINT', on('SIGINT'));
    process.on('SIGTERM', on('SIGTERM'));
  });
  let till;
  try {
    till = await startDaemon(config, { log, demo, say: (l) => console.log(l) });
  } catch (e) {
    log.error('the till could not start', { error: e as Error });
    console.error(`glase-pos daemon: ${(e as Error).message}`);
    return 1;
  }
  if (demo) {
    // one write, so a reader of the pipe sees both URLs at once
    console.log(`kiosk screen: ${till.apiUrl}/${till.phoneUrl ? `\nphone page:   ${till.phoneUrl}` : ''}`);
  }
  const sig = signalled ?? (await wait);
  log.info('stopping', { signal: sig });
  await till.stop();
  log.info('stopped');
  return 0;
}
