// `glase-pos close-day --reseller ID --user ID [--json]`: the day close (Z) in this process:
// closes this till's transaction period at Glase, reads STD_RECON_006/007 (REPORT_NOT_READY
// retried up to dayClose.reportAttempts), reconciles against the till's books, numbers and
// stores the Z, queues it for the printer and shows it. An unfinished close (crash, report not
// ready) is resumed with the same period. Exit 0 matched, 1 not closed, 2 bad usage,
// 4 closed with differences that need attention.
import { cliActor } from '../cli/actor.js';
import { EXIT, runCommand } from '../cli/exit.js';
import { said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { parseCommand } from '../cli/args.js';
import { jsonLine } from '../cli/follow.js';
import { resellerLogin, resellerPassword } from '../cli/reseller-password.js';
import { zText } from '../cli/z-text.js';

export const EXIT_ATTENTION = 4;

const HELP = `usage: glase-pos close-day --reseller ID --user ID [--json] [--config FILE]

  --reseller ID    the shop's Glase reseller id (the reports are reseller calls)
  --user ID        the reseller user id, e.g. 9900
                   the reseller password comes from a no-echo prompt (or, when stdin is not a
                   terminal, $GLASE_RESELLER_PASSWORD or the first line of stdin); never stored
  --json           one JSON line per change of the close, then a "result" line with the Z
  --config FILE    config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

Exit 0 closed and matched, 4 closed with differences that need attention, 1 not closed (the
message says why; an unfinished close is resumed by the next close-day), 2 bad usage.`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('close-day', async () => {
    const { values } = parseCommand(argv, { reseller: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, HELP);
    const login = resellerLogin(values, HELP);
    const json = values.json === true;
    const config = commandConfig(values.config, src);
    const password = await resellerPassword('nothing was closed');
    const t = await openCliTill(config);
    return closing(t, async () => {
      let last = '';
      const stop = t.till.subscribe((e) => {
        if (e.type !== 'day-close') return;
        const line = `${e.close.state}: ${said(e.close.message)}`;
        if (line === last) return;
        last = line;
        if (json) jsonLine({ type: 'close', ...e.close });
        else console.error(line);
      });
      const r = await t.till.closeDay({ ...login, password }, cliActor());
      stop();
      if (!r.ok) {
        if (json) jsonLine({ type: 'result', outcome: 'refused', rule: r.rule, message: r.message, exitCode: EXIT.failed });
        else console.error(said(`glase-pos close-day: refused (${r.rule}): ${r.message}`));
        return EXIT.failed;
      }
      const z = r.z?.report;
      const code = !z ? EXIT.failed : z.verdict === 'matched' ? EXIT.ok : EXIT_ATTENTION;
      if (json) {
        jsonLine({ type: 'result', outcome: r.close.state, message: r.close.message, ...(z ? { z } : {}), exitCode: code });
        return code;
      }
      if (!z) {
        console.error(said(`glase-pos close-day: ${r.close.message}`));
        return code;
      }
      console.log(zText(config, z));
      console.log(said(`Z ${z.zNumber} stored and queued for the printer (the till prints it when it runs); ${z.verdict === 'matched' ? 'Glase and the till agree' : `${z.differences.filter((d) => d.attention).length} difference(s) need attention`}`));
      return code;
    });
  });
}
