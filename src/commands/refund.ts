// `glase-pos refund <ersReference> --amount 4.00 [--reason T] [--cashier ID] [--json]`: refunds
// part or all of a Glase payment in this process through the till runtime (PIN-free: the CLI is
// the admin's own tool on the box). `--check-unknown` settles refunds whose reply was lost from
// Glase's report; `--resend REFUNDID` sends again one the complete report shows never happened.
// Exit 0 refunded (or settled), 1 not refunded, 2 bad usage, 3 in doubt (do not pay back another way).
import { cliActor } from '../cli/actor.js';
import { AmountFormatError, parseAmount } from '../lib/money.js';
import { unprintable } from '../lib/printable.js';
import type { RefundCheckResult, RefundStartResult, RefundView } from '../till/index.js';
import { EXIT, runCommand, usage } from '../cli/exit.js';
import { said } from '../cli/language.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { closing, openCliTill, type CliTill } from '../cli/till.js';
import { noServerMessage } from '../cli/glase.js';
import { parseCommand } from '../cli/args.js';
import { jsonLine } from '../cli/follow.js';
import { EXIT_IN_DOUBT, followRefund, refundExitCode, refundOutcomeLine } from '../cli/follow-refund.js';
import { resellerLogin, resellerPassword } from '../cli/reseller-password.js';
import { isErsReference } from '../../machines/ers-reference.js';

const HELP = `usage: glase-pos refund <ersReference> --amount AMOUNT [--reason TEXT] [--cashier ID] [--json] [--config FILE]
       glase-pos refund --check-unknown --reseller ID --user ID [--json] [--config FILE]
       glase-pos refund --resend REFUNDID [--json] [--config FILE]

  <ersReference>   the 25-digit reference of the payment (printed under its barcode)
  --amount AMOUNT  the amount to give back, e.g. 4.00; partial and repeated refunds are
                   allowed up to what was paid (a payment this till did not record goes to
                   Glase, which refuses more than was paid)
  --reason TEXT    why (1-200 characters; audited and printed on the refund receipt)
  --cashier ID     the cashier's id for the refund receipt
  --check-unknown  settle refunds whose reply was lost: close this till's transaction period
                   at Glase and read its report (asks for the reseller password like register)
  --resend ID      send again a refund the complete report showed never happened (once)
  --json           one JSON event per line, then a "result" line
  --config FILE    config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

Exit 0 refunded, 1 not refunded, 2 bad usage, 3 in doubt: Glase did not answer and the refund
may have gone through; do not pay the customer back another way, run --check-unknown.`;


export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('refund', async () => {
    const { values, positionals } = parseCommand(
      argv,
      {
        amount: { type: 'string' }, reason: { type: 'string' }, cashier: { type: 'string' }, 'check-unknown': { type: 'boolean' },
        reseller: { type: 'string' }, user: { type: 'string' }, resend: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' },
      },
      HELP,
      true,
    );
    const json = values.json === true;
    const modes = [values['check-unknown'] === true, values.resend !== undefined, positionals.length > 0].filter(Boolean).length;
    if (modes !== 1) throw usage('arguments', 'give one of: an ersReference with --amount, --check-unknown, or --resend REFUNDID', HELP);
    const config = commandConfig(values.config, src);

    if (values['check-unknown']) {
      const login = resellerLogin(values, HELP);
      const password = await resellerPassword('nothing was checked');
      return inTill(config, json, (t) => checkUnknown(t, { ...login, password }, json));
    }
    if (values.resend !== undefined) {
      if (!/^[\w-]{1,64}$/.test(values.resend)) throw usage('--resend', 'must be a refund id as `glase-pos refund --check-unknown` printed it');
      return inTill(config, json, async (t) => started(t, t.till.resendRefund(values.resend!, cliActor()), json));
    }

    if (positionals.length > 1) throw usage('ersReference', 'give exactly one', HELP);
    const ers = positionals[0];
    if (!isErsReference(ers)) throw usage('ersReference', 'must be the 25 digits printed under the receipt\'s barcode');
    if (values.amount === undefined) throw usage('--amount', 'is required, e.g. --amount 4.00', HELP);
    let amount: number;
    try {
      amount = parseAmount(values.amount, config.terminal.currency);
    } catch (e) {
      if (e instanceof AmountFormatError) throw usage('--amount', e.message.replace(/^amount /, ''));
      throw e;
    }
    if (amount <= 0) throw usage('--amount', 'must be more than 0');
    if (values.reason !== undefined && (values.reason.trim() === '' || values.reason.length > 200)) throw usage('--reason', 'must be 1-200 characters');
    const badReason = values.reason !== undefined ? unprintable(values.reason) : undefined; // printed on the refund receipt
    if (badReason) throw usage('--reason', badReason);
    if (values.cashier !== undefined && !/^[\w.@-]{1,40}$/.test(values.cashier)) throw usage('--cashier', 'must be 1-40 letters, digits, ".", "_", "@" or "-"');
    return inTill(config, json, async (t) => {
      const r = t.till.startRefund(
        { ersReference: ers, amount, ...(values.reason ? { reason: values.reason } : {}), ...(values.cashier ? { cashierId: values.cashier } : {}) },
        { by: cliActor(), unrecordedAllowed: true },
      );
      if (!r.ok && r.rule === 'online') return refused(json, r.rule, `${r.message} — ${noServerMessage(config)}`);
      return started(t, r, json);
    });
  });
}

/** Opens the till (which resumes unfinished payments and refunds) and lets unfinished bookings end first. */
async function inTill(config: CliTill['config'], json: boolean, body: (t: CliTill) => Promise<number>): Promise<number> {
  const t = await openCliTill(config);
  return closing(t, async () => {
    for (const id of t.resumedRefunds) {
      const v = await followRefund(t, id, { json });
      if (json) jsonLine({ type: 'resumed', refundId: id, state: v.state });
      else console.error(said(`resumed refund ${id}: ${refundOutcomeLine(v)}`));
    }
    return body(t);
  });
}

function refused(json: boolean, rule: string, message: string): number {
  if (json) jsonLine({ type: 'result', outcome: 'refused', rule, message, exitCode: EXIT.failed });
  else console.error(said(`glase-pos refund: refused (${rule}): ${message}`));
  return EXIT.failed;
}

async function started(t: CliTill, r: RefundStartResult, json: boolean): Promise<number> {
  if (!r.ok) return refused(json, r.rule, r.message);
  if (json) jsonLine({ type: 'started', refundId: r.refundId, ersReference: r.refund.originalErsReference, amount: r.refund.amount, currency: r.refund.currency });
  const v = await followRefund(t, r.refundId, { json });
  return result(v, json);
}

function result(v: RefundView, json: boolean): number {
  const code = refundExitCode(v);
  if (json) jsonLine({ type: 'result', refundId: v.refundId, state: v.state, outcome: v.outcome ?? null, refundErsReference: v.refundErsReference ?? null, message: v.message, exitCode: code });
  else (code === 0 ? console.log : console.error)(refundOutcomeLine(v));
  return code;
}

async function checkUnknown(t: CliTill, login: { resellerId: string; userId: string; password: string }, json: boolean): Promise<number> {
  if (!json) console.error(said('closing this till\'s transaction period at Glase and reading its report (this takes a few seconds)…'));
  const r: RefundCheckResult = await t.till.checkUnknownRefunds(login, cliActor());
  // the refunds found are booked, printed and their receipts sent before the command ends
  const booked = await Promise.all(r.applied.map((a) => t.till.waitForRefund(a.refundId)));
  const code = !r.ok ? EXIT.failed : r.stillUnknown.length > 0 ? EXIT_IN_DOUBT : EXIT.ok;
  if (json) {
    for (const v of booked) jsonLine({ type: 'refund', ...v });
    jsonLine({ type: 'result', ...r, exitCode: code });
    return code;
  }
  (code === 0 ? console.log : console.error)(said(r.message));
  for (const v of booked) console.log('  ' + said(`${v.refundId}: went through — ${refundOutcomeLine(v)}`));
  for (const id of r.notApplied) console.log('  ' + said(`${id}: never happened; send it again with \`glase-pos refund --resend ${id}\``));
  for (const id of r.stillUnknown) console.log('  ' + said(`${id}: still in doubt`));
  return code;
}
