// `glase-pos settle-outside <paymentId> --note TEXT [--json]`: a payment stuck because Glase is
// unreachable (issue 10 §3). The till resumes it and asks Glase live (getPaymentStatus); only
// when that gets no answer is the payment closed as "settled outside the till" (audited,
// flagged for the day close). When Glase answers, the payment goes on from its answer and
// nothing is closed. PIN-free like refund: the CLI is the admin's own tool on the box.
// Exit 0 settled, 1 not settled (Glase answered, or nothing to settle), 2 bad usage.
import { cliActor } from '../cli/actor.js';
import { unprintable } from '../lib/printable.js';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { cliMoney, said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { parseCommand } from '../cli/args.js';
import { jsonLine } from '../cli/follow.js';
import { checkPaymentIdPrefix, resolvePaymentId } from '../cli/payment-id.js';

const HELP = `usage: glase-pos settle-outside <paymentId> --note TEXT [--json] [--config FILE]

  <paymentId>     the payment stuck because Glase cannot be reached (glase-pos status lists it),
                  or the start of its id when no other payment starts the same way
  --note TEXT     how it was settled instead, e.g. "customer paid cash" (1-200 characters; audited)
  --json          one JSON result line
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

Glase is asked first. Only when it does not answer is the payment closed here; it is then
flagged for the day close, which reconciles it with Glase's report.`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('settle-outside', async () => {
    const { values, positionals } = parseCommand(argv, { note: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' } }, HELP, true);
    const given = positionals[0];
    if (!given || positionals.length > 1) throw usage('<paymentId>', 'give exactly one paymentId');
    checkPaymentIdPrefix(given, '<paymentId>');
    const note = values.note;
    if (note === undefined || note.trim() === '') throw usage('--note', 'is required: say how the payment was settled instead');
    if (note.length > 200) throw usage('--note', 'must be 1-200 characters');
    const badNote = unprintable(note);
    if (badNote) throw usage('--note', badNote);
    const config = commandConfig(values.config, src);
    const t = await openCliTill(config);
    return closing(t, async () => {
      const id = resolvePaymentId(t.store.journal, given, '<paymentId>');
      const r = await t.till.settleOutside(id, cliActor(), note);
      if (values.json) jsonLine({ type: 'result', ok: r.ok, ...(r.ok ? {} : { rule: r.rule, message: r.message }), ...(r.payment ? { payment: r.payment } : {}) });
      if (!r.ok) throw new CommandExit(EXIT.failed, r.message);
      if (!values.json) console.log(said(`settled outside the till: ${r.payment.clientInvoiceId} (${cliMoney(r.payment.amount, r.payment.currency)}); flagged for the day close`));
      return EXIT.ok;
    });
  });
}
