// One base for every error class: GlasePosError in src/, DriverError in drivers/ (same shape).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GlasePosError } from '../../../src/lib/errors.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { HttpError } from '../../../src/api/http-error.js';
import { ValidationError } from '../../../src/lib/validation-error.js';
import { AmountFormatError, parseAmount } from '../../../src/lib/money.js';
import { ConfigError } from '../../../src/config.js';
import { WireShapeError } from '../../../src/glase/wire-map.js';
import { SoapParseError } from '../../../src/simulator/soap-parse.js';
import { TillBusyError } from '../../../src/till/lock.js';
import { CommandExit } from '../../../src/cli/exit.js';
import { DriverError } from '../../../drivers/driver-error.js';
import { DeviceError } from '../../../drivers/printer/device-error.js';
import { ScannerError } from '../../../drivers/scanner/scanner-error.js';

const root = new URL('../../../', import.meta.url).pathname;
const t = suite('errors');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|js|mjs)$/.test(n) ? [p] : [];
  });
}
const ERROR_CLASS = /class\s+(\w+)(?:<[^>]*>)?\s+extends\s+(\w*Error)\b/g;

t('no error class in src/ extends a built-in error: each one extends GlasePosError', () => {
  const bad: string[] = [];
  for (const f of sources(join(root, 'src'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(ERROR_CLASS)) {
      if (/^(Error|TypeError|RangeError|SyntaxError)$/.test(m[2]) && !f.endsWith('src/lib/errors.ts')) bad.push(`${relative(root, f)}: ${m[1]} extends ${m[2]}`);
    }
  }
  assert.equal(bad, []);
});

t('no error class in drivers/ extends a built-in error: each one extends DriverError', () => {
  const bad: string[] = [];
  for (const f of sources(join(root, 'drivers'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(ERROR_CLASS)) {
      if (/^(Error|TypeError|RangeError|SyntaxError)$/.test(m[2]) && !f.endsWith('drivers/driver-error.ts')) bad.push(`${relative(root, f)}: ${m[1]} extends ${m[2]}`);
    }
  }
  assert.equal(bad, []);
});

t('no two error classes share a name (two HttpError once did): a log line names which one', () => {
  const seen = new Map<string, string[]>();
  for (const f of [...sources(join(root, 'src')), ...sources(join(root, 'drivers'))]) {
    for (const m of readFileSync(f, 'utf8').matchAll(ERROR_CLASS)) seen.set(m[1]!, [...(seen.get(m[1]!) ?? []), relative(root, f)]);
  }
  assert.ok(seen.size >= 15, `found ${seen.size} error classes`);
  assert.equal([...seen].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`), []);
});

t('every error of src/ is a GlasePosError with a stable code and its own name', () => {
  const cases: [Error, string, string][] = [
    [new GlaseTransportError('timeout', 'sendInvoice', 'unknown', 'no response'), 'GlaseTransportError', 'glase.timeout'],
    [new HttpError(409, 'payment', 'is running'), 'HttpError', 'http.409'],
    [new ValidationError('amount', 'must be positive'), 'ValidationError', 'invalid'],
    [new AmountFormatError('bad'), 'AmountFormatError', 'amount.format'],
    [new ConfigError(['x: y']), 'ConfigError', 'config'],
    [new WireShapeError('resultCode', 'is missing'), 'WireShapeError', 'glase.wire-shape'],
    [new SoapParseError('no soap:Envelope'), 'SoapParseError', 'soap.parse'],
    [new TillBusyError(1, '/tmp/till.lock'), 'TillBusyError', 'till.busy'],
    [new CommandExit(2, 'usage'), 'CommandExit', 'command.exit'],
  ];
  for (const [e, name, code] of cases) {
    assert.ok(e instanceof GlasePosError, name);
    assert.ok(e instanceof Error, name);
    assert.is(e.name, name);
    assert.is((e as GlasePosError).code, code, name);
    assert.match(String(e.stack), new RegExp(`^${name}: `));
  }
  assert.throws(() => parseAmount('1.234', 'SEK'), (e: unknown) => e instanceof GlasePosError && e.code === 'amount.format');
});

t('cause is the standard ErrorOptions cause, and absent when none is given', () => {
  const low = new Error('ECONNRESET');
  const e = new GlaseTransportError('transport', 'getPaymentStatus', 'unknown', 'ECONNRESET', { cause: low });
  assert.is(e.cause, low);
  assert.not.ok(Object.hasOwn(new GlasePosError('x', 'y'), 'cause'));
  assert.is(new GlasePosError('x', 'y', { cause: low }).cause, low);
});

t('a Glase call error carries its outcome; other errors have none', () => {
  const e = new GlaseTransportError('timeout', 'sendInvoice', 'not-applied', 'no connection');
  assert.is(e.outcome, 'not-applied');
  assert.is(e.kind, 'timeout');
  assert.is(e.message, 'sendInvoice: no connection');
  assert.is(new ValidationError('a', 'b').outcome, undefined);
});

t("drivers' errors share the shape (code, cause) through DriverError", () => {
  const low = new Error('EIO');
  const d = new DeviceError('paperOut', 'paper is out', { cause: low });
  const s = new ScannerError('io', 'read failed');
  assert.ok(d instanceof DriverError && s instanceof DriverError);
  assert.equal([d.name, d.code, d.cause], ['DeviceError', 'paperOut', low]);
  assert.equal([s.name, s.code, Object.hasOwn(s, 'cause')], ['ScannerError', 'io', false]);
});

t.run();
