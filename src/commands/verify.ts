// `glase-pos verify [--reseller ID --user ID] [--glase-id ID] [--json] [--report FILE] [--timeout S]`:
// the certification run (CERT tests 1–8) against the configured Glase server, on its own
// throwaway data directory and terminal (unregistered at the end); never the shop's till data.
// Against the simulator (it answers /simulator/identity) verify makes its own reseller and plays
// the customer; against a real server it needs a test reseller login and tells the person with
// the test phone what to do. Exit 0 only when every step passed, 1 otherwise, 2 bad usage.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { said } from '../cli/language.js';
import { EXIT, runCommand, usage } from '../cli/exit.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';
import { glaseEndpoint } from '../cli/glase.js';
import { resellerPassword } from '../cli/reseller-password.js';
import { runVerify, type Customer } from '../cli/verify-run.js';
import { checkGlaseId } from '../scan/payload.js';
import { RESELLER_ID_PATTERN, RESELLER_ID_RULE } from '../lib/reseller-id.js';

const HELP = `usage: glase-pos verify [--reseller ID --user ID] [--glase-id ID] [--json] [--report FILE] [--timeout S] [--config FILE]

  Runs the certification sequence against the configured Glase server (glase.url): registration
  and assignment, payment, cancel, try again after the 30-s window, submitPaymentReceipt, a
  partial and a full refund, the 98 guard, markTransactionPeriod + executeReport, and (simulator
  only) a payment polled late that is not lost. Its own data directory and terminal; the
  terminal is unregistered at the end.

  --reseller ID, --user ID  a test reseller login (required against a real server; the password
                            comes from a prompt, $GLASE_RESELLER_PASSWORD or stdin, never stored)
  --glase-id ID   the test sticker's Glase ID to assign (default: a new one on the simulator)
  --json          the report as JSON on stdout (each step, its calls and result codes, pass/fail)
  --report FILE   also write the JSON report there
  --timeout S     how long a step may take (default 60; a person paying on a phone needs time)
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

Exit 0 when every step passed, 1 when one failed (the report names it), 2 bad usage.`;

async function simulatorBase(soapUrl: string): Promise<string | undefined> {
  const base = new URL(soapUrl).origin;
  try {
    const r = await fetch(`${base}/simulator/identity`, { signal: AbortSignal.timeout(3_000) });
    return r.ok ? base : undefined;
  } catch {
    return undefined;
  }
}

async function control(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok) throw new Error(`simulator ${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('verify', async () => {
    const { values } = parseCommand(
      argv,
      { reseller: { type: 'string' }, user: { type: 'string' }, 'glase-id': { type: 'string' }, json: { type: 'boolean' }, report: { type: 'string' }, timeout: { type: 'string' }, config: { type: 'string' } },
      HELP,
    );
    if (values.reseller !== undefined && !RESELLER_ID_PATTERN.test(values.reseller)) throw usage('--reseller', RESELLER_ID_RULE);
    if (values.user !== undefined && !RESELLER_ID_PATTERN.test(values.user)) throw usage('--user', RESELLER_ID_RULE);
    if ((values.reseller === undefined) !== (values.user === undefined)) throw usage('--user', 'give --reseller and --user together');
    // the one Glase ID rule (machines/glase-id.ts); a ValidationError exits 2 naming --glase-id
    if (values['glase-id'] !== undefined) checkGlaseId(values['glase-id'], '--glase-id');
    if (values.timeout !== undefined && (!/^\d+$/.test(values.timeout) || Number(values.timeout) < 5 || Number(values.timeout) > 3600)) throw usage('--timeout', 'must be whole seconds from 5 to 3600');
    const config = commandConfig(values.config, src);
    const endpoint = glaseEndpoint(config);
    const json = values.json === true;
    const say = (line: string) => (json ? console.error(line) : console.log(said(line)));
    const sim = await simulatorBase(endpoint);
    let login: { resellerId: string; userId: string; password: string };
    const suffix = randomBytes(4).toString('hex').toUpperCase();
    if (values.reseller) login = { resellerId: values.reseller, userId: values.user!, password: await resellerPassword('nothing was verified') };
    else if (sim) {
      // a reseller of its own: the shop's data and credentials are never used
      login = { resellerId: `verify-${suffix.toLowerCase()}`, userId: '9900', password: randomBytes(12).toString('hex') };
      await control(sim, 'POST', '/simulator/resellers', login);
    } else throw usage('--reseller', `is required against a real Glase server (${endpoint}): a test reseller login`);
    const glaseId = values['glase-id'] ?? `VERIFY${suffix}`;
    const customer: Customer = sim
      ? {
          pay: async (id) => {
            await control(sim, 'POST', '/simulator/customer/pay', { glaseId: id });
          },
          delayPolls: async (ms, times) => {
            await control(sim, 'POST', '/simulator/faults', { operation: 'getPaymentStatus', delayMs: ms, times });
          },
          reversed: async (ers) => ((await control(sim, 'GET', '/simulator/reversals')) as { reversals: Array<{ ersReference: string }> }).reversals.some((r) => r.ersReference === ers),
        }
      : {
          pay: async (id, amount) => {
            console.error(said(`>>> on the test phone: scan the sticker ${id} and pay ${amount} ${config.terminal.currency} now`));
          },
        };
    say(`verifying against ${endpoint}${sim ? ' (the simulator: verify plays the customer)' : ''}`);
    const report = await runVerify({ config, endpoint, login, glaseId, customer, simulator: !!sim, stepTimeoutMs: Number(values.timeout ?? 60) * 1000, say });
    const text = JSON.stringify(report, null, 2);
    if (values.report) writeFileSync(values.report, text + '\n', { mode: 0o600 });
    if (json) console.log(text);
    const failed = report.steps.filter((s) => !s.pass);
    say(report.pass ? `all ${report.steps.length} steps passed` : `FAILED: ${failed.map((s) => `${s.n}. ${s.name} (${s.detail})`).join('; ') || 'the run did not finish'}`);
    return report.pass ? EXIT.ok : EXIT.failed;
  });
}
