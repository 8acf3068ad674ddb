// `glase-pos recover [--wait] [--json]`: resumes every unfinished payment (as the daemon does
// at start) from its persisted state. Without --wait it returns once each one has been asked
// about at Glase (which also acknowledges a payment the customer made, so Glase will not
// reverse it) and any paid one is recorded; with --wait it follows each to its end.
import type { GlaseClient } from '../glase/client.js';
import { EXIT, runCommand } from '../cli/exit.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill } from '../cli/till.js';
import { parseCommand } from '../cli/args.js';
import { followPayment, jsonLine, outcomeLine } from '../cli/follow.js';
import { cliTranslator, said } from '../cli/language.js';
import { followRefund, refundOutcomeLine } from '../cli/follow-refund.js';

const HELP = `usage: glase-pos recover [--wait] [--json] [--config FILE]

  --wait          follow every resumed payment until it ends (asks try again / cancel)
  --json          one JSON event per line
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

Unfinished refunds finish booking (record, print, receipt); one whose reply was lost stays in
doubt until \`glase-pos refund --check-unknown\` reads Glase's report. A refund is never sent again.

Exit 0 when no payment or refund is left unfinished, 1 when one is still open (run with --wait).`;

/** Resolves when a getPaymentStatus for each of `refs` got an answer (or a fault). */
function pollWatch() {
  let onAnswer: (ref: string) => void = () => {};
  const answered = new Set<string>();
  const wrap = (g: GlaseClient): GlaseClient =>
    Object.assign(Object.create(g) as GlaseClient, {
      getPaymentStatus: async (...args: Parameters<GlaseClient['getPaymentStatus']>) => {
        try {
          return await g.getPaymentStatus(...args);
        } finally {
          answered.add(args[1]);
          onAnswer(args[1]);
        }
      },
    });
  const seen = (ref: string) =>
    answered.has(ref) ? Promise.resolve() : new Promise<void>((resolve) => (onAnswer = (r) => r === ref && resolve()));
  return { wrap, seen };
}

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('recover', async () => {
    const { values } = parseCommand(argv, { wait: { type: 'boolean' }, json: { type: 'boolean' }, config: { type: 'string' } }, HELP);
    const config = commandConfig(values.config, src);
    const json = values.json === true;
    const watch = pollWatch();
    const t = await openCliTill(config, { wrap: watch.wrap });
    try {
      return await closing(t, async ({ till, resumed }) => {
        if (json) jsonLine({ type: 'resumed', paymentIds: resumed });
        else console.log(said(resumed.length === 0 ? 'no unfinished payment' : `resumed ${resumed.length} unfinished payment(s)`));
        let open = 0;
        for (const id of resumed) {
          let v = till.payment(id)!;
          if (values.wait) v = await followPayment(t, id, { json });
          else if (!v.final) {
            // one answered status query is enough to learn (and acknowledge) a payment
            if (v.invoiceReference && v.state.startsWith('live')) {
              await Promise.race([watch.seen(v.invoiceReference), till.waitForPayment(id)]);
              await new Promise((r) => setImmediate(r));
              v = till.payment(id)!;
            }
            if (v.state.startsWith('paid')) v = await till.waitForPayment(id);
          }
          if (json) jsonLine({ type: v.final ? 'result' : 'open', ...v });
          else console.log(`${id}: ${v.final ? outcomeLine(v, cliTranslator(t)) : said(`still open (${v.state}: ${v.message}); run \`glase-pos recover --wait\` to follow it`)}`);
          if (!v.final) open++;
        }
        // refunds are never sent again by a restart: they finish booking, or stay in doubt
        for (const id of t.resumedRefunds) {
          const v = await followRefund(t, id, { json });
          if (json) jsonLine({ type: 'refund-result', ...v });
          else console.log(said(`refund ${id}: ${refundOutcomeLine(v)}`));
          if (!v.final) open++;
        }
        return open === 0 ? EXIT.ok : EXIT.failed;
      });
    } finally {
      if (!process.stdin.isTTY) process.stdin.destroy();
    }
  });
}
