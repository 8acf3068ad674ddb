// `glase-pos verify` end to end against the simulator (a real process, loopback SOAP): every
// certification step passes and the exit code is 0; its terminal is unregistered at the end and
// the shop's own data dir is never touched. Then a planted simulator bug (markTransactionPeriod
// answers 90 once) is named in the report and the exit code is 1.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { control, newTill, runCli } from './_cli.js';

const t = suite('glase-pos verify');
let sim: Simulator;
let dir = '';
let env: NodeJS.ProcessEnv;

t.before(async () => {
  sim = await startSimulator({ port: 0, reportDelayMs: 300 });
  ({ dir, env } = newTill(sim, {
    GLASE_POS__PAYMENT__WINDOW_MS: '2000',
    GLASE_POS__DAY_CLOSE__FIRST_WAIT_MS: '300',
    GLASE_POS__DAY_CLOSE__RETRY_WAIT_MS: '300',
  }));
});
t.after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

t('against the simulator: every step passes, exit 0, the verify terminal is unregistered', async () => {
  const reportFile = join(dir, 'verify.json');
  const r = await runCli(['verify', '--report', reportFile], env);
  assert.is(r.code, 0, r.stdout + r.stderr);
  const rep = JSON.parse(readFileSync(reportFile, 'utf8'));
  assert.is(rep.steps.length, 9);
  assert.ok(rep.steps.every((s: any) => s.pass), JSON.stringify(rep.steps.filter((s: any) => !s.pass)));
  const codes = rep.steps.flatMap((s: any) => s.calls.map((c: any) => `${c.op}=${c.code}`));
  for (const want of ['registerTerminal=0', 'assignSeqrId=0', 'sendInvoice=0', 'cancelInvoice=0', 'submitPaymentReceipt=0', 'refundPayment=0', 'refundPayment=98', 'markTransactionPeriod=0', 'executeReport=0']) assert.ok(codes.includes(want), want);
  assert.match(r.stdout, /PASS 4\. try again after the 30-s window/);
  assert.match(r.stdout, /unregistered the verify terminal/);
  const state = (await control(sim, 'GET', '/simulator/state')).json;
  const term = state.terminals.find((x: any) => x.id === rep.terminalId);
  assert.ok(!term || term.unregistered || term.active === false || term.registered === false, JSON.stringify(term));
  assert.not.ok(existsSync(join(dir, 'data', 'glase-pos.sqlite')), 'the shop\'s data dir is not used');
});

t('a planted simulator bug (markTransactionPeriod answers 90): verify names the step and exits 1', async () => {
  const f = await control(sim, 'POST', '/simulator/faults', { operation: 'markTransactionPeriod', resultCode: 90, times: 1 });
  assert.is(f.status, 201);
  const r = await runCli(['verify', '--json'], env);
  assert.is(r.code, 1, r.stderr);
  const rep = JSON.parse(r.stdout);
  const failed = rep.steps.filter((s: any) => !s.pass);
  assert.equal(failed.map((s: any) => s.n), [8]);
  assert.match(failed[0].detail, /code 90/);
  assert.ok(failed[0].calls.some((c: any) => c.op === 'markTransactionPeriod' && c.code === 90));
  assert.match(r.stderr, /FAILED: 8\. markTransactionPeriod and executeReport/);
});

t.run();
