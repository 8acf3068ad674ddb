// One owner per rule: the Glase ID and ersReference rules live in machines/, the reseller id
// rule in src/lib/reseller-id.ts, and every edge
// that checks one (set-up machine, API schema, scanner, CLI check) gives the same verdict.
// Before, set-up allowed 64 characters while the API and the scanner stopped at 32.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createActor } from 'xstate';
import { terminalSetupMachine } from '../../machines/terminal-setup.js';
import { GLASE_ID_MAX, isGlaseId } from '../../machines/glase-id.js';
import { isErsReference } from '../../machines/ers-reference.js';
import { AssignGlaseId, ErsReferenceParam, Register, Reprint } from '../../src/api/schemas.js';
import { checkErsReference, checkGlaseId, classifyScan } from '../../src/scan/payload.js';
import { run as verifyCommand } from '../../src/commands/verify.js';
import { RefundCheck } from '../../src/api/refund-schemas.js';
import { DayCloseBody } from '../../src/api/day-close-schemas.js';
import { resellerLogin } from '../../src/cli/reseller-password.js';
import { setReseller } from '../../src/backoffice/reseller.js';
import type { SecretBox } from '../../src/backoffice/secret-box.js';

const t = suite('one rule, every edge');

const glaseIds: Array<[string, boolean]> = [
  ['A', true], ['GLASE42', true], ['a'.repeat(GLASE_ID_MAX), true], ['123456', true],
  ['', false], ['a'.repeat(GLASE_ID_MAX + 1), false], ['a'.repeat(64), false], ['GLASE-42', false], ['has space', false], ['ÅÄÖ1', false],
];

/** what the set-up machine does with ASSIGN: moves on to ask Glase, or stays and names the rule */
function machineAccepts(glaseId: string): boolean {
  const a = createActor(terminalSetupMachine, { input: { terminalId: 't1' } }).start();
  a.send({ type: 'ASSIGN', glaseId });
  const accepted = a.getSnapshot().context.pendingGlaseId === glaseId;
  a.stop();
  return accepted;
}

t('Glase ID: the rule, the set-up machine, the API schema, the scanner and the CLI check agree', () => {
  assert.is(GLASE_ID_MAX, 32);
  for (const [id, good] of glaseIds) {
    const where = JSON.stringify(id);
    assert.is(isGlaseId(id), good, `rule ${where}`);
    assert.is(machineAccepts(id), good, `set-up machine ${where}`);
    assert.is(AssignGlaseId.safeParse({ glaseId: id }).success, good, `API ${where}`);
    let cli = true;
    try {
      checkGlaseId(id);
    } catch {
      cli = false;
    }
    assert.is(cli, good, `CLI ${where}`);
    if (id !== '' && !/^\d+$/.test(id)) assert.is(classifyScan(id).kind === 'glaseId', good, `scanner ${where}`);
  }
});

t('the set-up machine names the broken part of the rule and never asks Glase', () => {
  const a = createActor(terminalSetupMachine, { input: { terminalId: 't1' } }).start();
  a.send({ type: 'ASSIGN', glaseId: 'a'.repeat(40) });
  assert.is(a.getSnapshot().value, 'registered');
  assert.match(a.getSnapshot().context.message, /at most 32 characters \(got 40\)/);
  a.stop();
});

t('ersReference: exactly 25 digits, the same at the rule, the API, the CLI and the scanner', () => {
  const refs: Array<[string, boolean]> = [
    ['2026112910000500000000001', true], ['0'.repeat(25), true],
    ['2026112910000500000000', false], ['2'.repeat(26), false], ['202611291000050000000000A', false], [' 2026112910000500000000001', false], ['', false],
  ];
  for (const [ref, good] of refs) {
    const where = JSON.stringify(ref);
    assert.is(isErsReference(ref), good, `rule ${where}`);
    assert.is(ErsReferenceParam.safeParse(ref).success, good, `API param ${where}`);
    assert.is(Reprint.safeParse({ ersReference: ref }).success, good, `API reprint ${where}`);
    let cli = true;
    try {
      checkErsReference(ref);
    } catch {
      cli = false;
    }
    assert.is(cli, good, `CLI ${where}`);
    if (ref.trim() !== ref) continue; // the scanner trims what some scanners add around a code
    if (good) assert.is(classifyScan(ref).kind, 'ersReference', `scanner ${where}`);
    else assert.is.not(classifyScan(ref).kind, 'ersReference', `scanner ${where}`);
  }
});

t('verify --glase-id refuses by the same rule (it once allowed 1-40), exit 2 naming the option', async () => {
  const errors: string[] = [];
  const orig = console.error;
  console.error = (...a: unknown[]) => void errors.push(a.join(' '));
  try {
    // refused before any config is read or Glase asked: the usage check runs first
    for (const [id, good] of glaseIds) {
      if (good) continue;
      errors.length = 0;
      const code = await verifyCommand(['--glase-id', id]);
      assert.is(code, 2, `verify --glase-id ${JSON.stringify(id)}`);
      assert.match(errors.join('\n'), /--glase-id: must/, JSON.stringify(id));
    }
    errors.length = 0;
    assert.is(await verifyCommand(['--glase-id', 'a'.repeat(40)]), 2);
    assert.match(errors.join('\n'), /--glase-id: must be at most 32 characters \(got 40\)/);
  } finally {
    console.error = orig;
  }
});

t('reseller id and user id: the API bodies, the CLI login and the back office agree (it had four versions, one allowing "/")', async () => {
  const ids: Array<[string, boolean]> = [
    ['shop1', true], ['public_test_shop', true], ['9900', true], ['a.b-c_d', true], ['a'.repeat(100), true],
    ['shop/9900', false], ['', false], ['a'.repeat(101), false], ['has space', false], ['ÅÄÖ', false], ['x\u0000', false],
  ];
  const box = { seal: (s: string) => s } as unknown as SecretBox;
  for (const [id, good] of ids) {
    const where = JSON.stringify(id);
    for (const [name, schema] of [['register', Register], ['refund check', RefundCheck], ['day close', DayCloseBody]] as const) {
      assert.is(schema.safeParse({ resellerId: id, userId: '9900', password: 'pw' }).success, good, `${name} resellerId ${where}`);
      assert.is(schema.safeParse({ resellerId: 'shop1', userId: id, password: 'pw' }).success, good, `${name} userId ${where}`);
    }
    let cli = true;
    try {
      resellerLogin({ reseller: id, user: '9900' }, '');
    } catch {
      cli = false;
    }
    assert.is(cli, good, `CLI ${where}`);
    let stored = false;
    const db = { query: async () => ((stored = true), { rows: [] }) };
    const err = await setReseller(db as never, box, { resellerId: id, userId: '9900', password: 'pw' }).catch((e: Error) => e);
    assert.is(stored, good, `back office ${where}`);
    if (!good) assert.match((err as Error).message, /^reseller id: must be 1-100 letters/);
  }
});

t.run();
