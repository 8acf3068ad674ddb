// `glase-pos daemon`: runs the till (API, kiosk screen, devices, Glase) until SIGINT/SIGTERM,
// then stops everything cleanly: unfinished payments stay in the store and resume next start.
import { createLogger } from '../lib/log.js';
import { startDaemon } from '../daemon/main.js';
import { watchLifeline } from '../daemon/lifeline.js';
import { parseCommand } from '../cli/args.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { EXIT, runCommand } from '../cli/exit.js';

const HELP = `usage: glase-pos daemon [--config FILE] [--demo]

  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists);
                  GLASE_POS__A__B=value overrides a key
  --demo          demo bootstrap on first run: register with the embedded simulator, assign a
                  demo Glase ID, set the demo admin PIN (also GLASE_POS_DEMO=1)`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('daemon', async () => {
    const { values } = parseCommand(argv, { config: { type: 'string' }, demo: { type: 'boolean' } }, HELP);
    const demo = process.env.GLASE_POS_DEMO === '1' || values.demo === true;
    const config = commandConfig(values.config, src);
    const log = createLogger({ level: config.log.level, base: { component: 'daemon' } });
    // a signal during start-up still stops cleanly once start-up is done
    let signalled: string | undefined;
    let unwatch = () => {};
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
      process.on('SIGHUP', on('SIGHUP'));
      // started by `npm start`: its end of the lifeline closes when it dies, however it dies
      unwatch = watchLifeline(process.env.GLASE_POS_LIFELINE_FD, on('the parent process (npm start) ended'));
    });
    let till;
    try {
      till = await startDaemon(config, { log, demo, say: (l) => console.log(l) });
    } catch (e) {
      log.error('the till could not start', { error: e as Error });
      console.error(`glase-pos daemon: ${(e as Error).message}`);
      unwatch();
      return EXIT.failed;
    }
    if (demo) {
      // one write, so a reader of the pipe sees both URLs at once
      console.log(`kiosk screen: ${till.apiUrl}/${till.phoneUrl ? `\nphone page:   ${till.phoneUrl}` : ''}`);
    }
    const sig = signalled ?? (await wait);
    log.info('stopping', { signal: sig });
    unwatch();
    await till.stop();
    log.info('stopped');
    return EXIT.ok;
  });
}
