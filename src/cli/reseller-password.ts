// The reseller password for the commands that need it once (register; the refund check's
// reports): a no-echo prompt on a terminal, else $GLASE_RESELLER_PASSWORD or the first line
// of stdin. Never taken from argv, printed, logged or stored.
import { CommandExit, EXIT, usage } from './exit.js';
import { isTty, readFirstLine, readSecret } from './tty.js';
import { said } from './language.js';
import { PRINTABLE_RULE, unprintable } from '../lib/printable.js';
import { RESELLER_ID_PATTERN, RESELLER_ID_RULE } from '../lib/reseller-id.js';

export async function resellerPassword(nothingDone: string): Promise<string> {
  let pw: string | undefined;
  if (isTty()) {
    pw = await readSecret(`${said('reseller password')}: `);
    if (pw === undefined) throw new CommandExit(EXIT.failed, `cancelled; ${nothingDone}`);
  } else pw = process.env.GLASE_RESELLER_PASSWORD ?? (await readFirstLine());
  if (pw === undefined || pw.length === 0) {
    throw new CommandExit(EXIT.usage, 'password: the reseller password is required (type it at the prompt, or pipe it on stdin / set GLASE_RESELLER_PASSWORD)');
  }
  // the rule only, never where: the password is not described in any output
  if (unprintable(pw)) throw new CommandExit(EXIT.usage, `password: ${PRINTABLE_RULE}`);
  return pw;
}

/** --reseller and --user of the commands that act as the shop's reseller user (reports). */
export function resellerLogin(values: { reseller?: string; user?: string }, help: string): { resellerId: string; userId: string } {
  if (values.reseller === undefined) throw usage('--reseller', 'is required: the shop\'s Glase reseller id (1-100 letters, digits, ".", "_" or "-")', help);
  if (values.user === undefined) throw usage('--user', 'is required: the reseller user id, e.g. 9900', help);
  if (!RESELLER_ID_PATTERN.test(values.reseller)) throw usage('--reseller', RESELLER_ID_RULE, help);
  if (!RESELLER_ID_PATTERN.test(values.user)) throw usage('--user', RESELLER_ID_RULE, help);
  return { resellerId: values.reseller, userId: values.user };
}
