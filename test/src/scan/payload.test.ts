import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkErsReference, checkGlaseId, classifyScan, expectScan } from '../../../src/scan/payload.js';
import { ValidationError } from '../../../src/lib/validation-error.js';

const ERS = '2015120408531541501005256';
const t = suite('classifyScan');

t('25 digits is an ersReference', () => {
  assert.equal(classifyScan(ERS), { kind: 'ersReference', value: ERS });
});

t('letters and digits up to 32 are a Glase ID, including short all-digit ids', () => {
  assert.equal(classifyScan('GLASE0042'), { kind: 'glaseId', value: 'GLASE0042' });
  assert.equal(classifyScan('7'), { kind: 'glaseId', value: '7' });
  assert.equal(classifyScan('123456789012345678901234'), { kind: 'glaseId', value: '123456789012345678901234' });
  assert.equal(classifyScan('a'.repeat(32)).kind, 'glaseId');
});

t('the sticker QR payload yields its Glase ID; surrounding spaces are trimmed', () => {
  assert.equal(classifyScan('HTTP://SEQR.SE/Q1234abcd'), { kind: 'glaseId', value: '1234abcd' });
  assert.equal(classifyScan('http://seqr.se/qSHOP7'), { kind: 'glaseId', value: 'SHOP7' });
  assert.equal(classifyScan('  GLASE1 '), { kind: 'glaseId', value: 'GLASE1' });
});

const junk = (payload: string, reason: RegExp) => {
  const c = classifyScan(payload);
  assert.is(c.kind, 'junk', `${JSON.stringify(payload)} should be junk`);
  if (c.kind === 'junk') {
    assert.match(c.reason, reason);
    assert.is(c.value, payload, 'junk keeps the raw payload for the report');
  }
};

t('junk, each with the rule it broke', () => {
  junk('', /is empty/);
  junk('   ', /is empty/);
  junk('AB\u0007C', /non-printable character \(U\+0007\) at position 3/);
  junk('AB\u001dC', /U\+001D/); // GS1 group separator
  junk('x\uFFFDy', /U\+FFFD/); // a key the HID decoder could not map
  junk('café', /U\+00E9/);
  junk('GLASE-42', /letters and digits only \("-" at position 6\)/);
  junk('a'.repeat(33), /at most 32 characters \(got 33\)/);
  junk('20151204085315415010052561', /26 digits; an ersReference has exactly 25/);
  junk('HTTP://SEQR.SE/R20151029186719114', /invoice QR code/);
  junk('HTTP://SEQR.SE/Q', /sticker QR code: Glase ID must not be empty/);
  junk('HTTP://SEQR.SE/Qab-c', /sticker QR code: Glase ID must be letters and digits only/);
  junk('https://example.com/x', /is a link/);
});

t('expectScan names a wrong kind for the use at hand', () => {
  assert.equal(expectScan(ERS, 'ersReference'), { ok: true, value: ERS });
  assert.equal(expectScan('HTTP://SEQR.SE/QAB1', 'glaseId'), { ok: true, value: 'AB1' });
  assert.equal(expectScan(ERS, 'glaseId'), { ok: false, reason: 'is an ersReference (receipt), expected a Glase ID' });
  assert.equal(expectScan('AB1', 'ersReference'), { ok: false, reason: 'is a Glase ID, expected an ersReference (receipt)' });
  const r = expectScan('A\tB', 'glaseId');
  assert.is(r.ok, false);
});

const c = suite('field checks');
c('checkGlaseId / checkErsReference throw ValidationError naming field and rule', () => {
  assert.is(checkGlaseId('AB12'), 'AB12');
  assert.is(checkErsReference(ERS), ERS);
  try {
    checkGlaseId('AB 12', 'seqrId');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ValidationError);
    assert.is((e as ValidationError).field, 'seqrId');
    assert.match((e as Error).message, /^seqrId: must be letters and digits only \(" " at position 3\)/);
  }
  assert.throws(() => checkErsReference('123'), (e: Error) => /^ersReference: must be exactly 25 digits \(got "123"\)$/.test(e.message));
  assert.throws(() => checkErsReference('9'.repeat(60)), (e: Error) => /got 60 characters/.test(e.message));
});

t.run();
c.run();
