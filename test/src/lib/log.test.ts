// Log lines: secrets masked at any depth, cycles cut, an error's cause chain on one line at
// info and above, its stack and full chain at debug.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger, type Level } from '../../../src/lib/log.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { DeviceError } from '../../../drivers/printer/device-error.js';

const t = suite('log');
const SECRET = 'hunter2-Kx7';

function capture(level: Level = 'info') {
  const lines: string[] = [];
  return { lines, log: createLogger({ level, write: (l) => lines.push(l) }) };
}

/** The value of key=… on a line, JSON-decoded when it was quoted. */
function field(line: string, key: string): unknown {
  const at = line.indexOf(` ${key}=`);
  assert.ok(at >= 0, `no ${key}= in ${line}`);
  const rest = line.slice(at + key.length + 2);
  if (rest.startsWith('"') || rest.startsWith('{') || rest.startsWith('[')) {
    // the longest prefix that parses is the value
    for (let end = rest.length; end > 0; end--) {
      try {
        return JSON.parse(rest.slice(0, end));
      } catch {
        /* shorter */
      }
    }
  }
  return rest.split(' ')[0];
}

t('a top-level secret key is masked (as before)', () => {
  const { lines, log } = capture();
  log.info('login', { password: SECRET, pin: '1234', user: 'ann' });
  assert.is(lines[0], '<6>info login password=*** pin=*** user=ann');
});

t('secrets are masked at any depth: nested objects, arrays, maps, child fields', () => {
  const { lines, log } = capture();
  log
    .child({ glase: { principal: { type: 'TERMINALID', password: SECRET } } })
    .warn('deep', {
      config: { api: { token: SECRET, port: 8080 }, reseller: [{ id: 'shop', password: SECRET }] },
      list: [[{ secret: SECRET }], { headers: { Authorization: `Bearer ${SECRET}` } }],
      map: new Map<string, unknown>([['apiToken', SECRET], ['n', 1]]),
    });
  const line = lines[0];
  assert.not.ok(line.includes(SECRET), line);
  assert.equal(field(line, 'config'), { api: { token: '***', port: 8080 }, reseller: [{ id: 'shop', password: '***' }] });
  assert.equal(field(line, 'list'), [[{ secret: '***' }], { headers: { Authorization: '***' } }]);
  assert.equal(field(line, 'map'), { apiToken: '***', n: 1 });
  assert.equal(field(line, 'glase'), { principal: { type: 'TERMINALID', password: '***' } });
});

t("an error's own secret properties and its causes' are masked at debug too", () => {
  const { lines, log } = capture('debug');
  const low = Object.assign(new Error('refused'), { request: { password: SECRET, op: 'login' } });
  const e = Object.assign(new Error('login failed', { cause: low }), { token: SECRET });
  log.error('call failed', { error: e, nested: { inner: { errors: [e] } } });
  assert.not.ok(lines[0].includes(SECRET), lines[0]);
  const f = field(lines[0], 'error') as any;
  assert.is(f.token, '***');
  assert.equal(f.cause.request, { password: '***', op: 'login' });
});

t('cycles never loop: objects, arrays, an error whose cause chain comes back to itself', () => {
  for (const level of ['info', 'debug'] as const) {
    const { lines, log } = capture(level);
    const o: any = { name: 'a' };
    o.self = o;
    o.list = [o, { back: o }];
    const a = new Error('outer');
    const b = new Error('inner', { cause: a });
    (a as any).cause = b;
    const self = new Error('me');
    (self as any).cause = self;
    log.error('cyclic', { o, a, self });
    assert.is(lines.length, 1);
    assert.equal(field(lines[0], 'o'), { name: 'a', self: '[Circular]', list: ['[Circular]', { back: '[Circular]' }] });
    if (level === 'info') {
      assert.is(field(lines[0], 'a'), 'outer: inner');
      assert.is(field(lines[0], 'self'), 'me');
    } else {
      const fa = field(lines[0], 'a') as any;
      assert.is(fa.cause.message, 'inner');
      assert.is(fa.cause.cause, '[Circular]');
    }
  }
});

t('a shared (not cyclic) object is shown each time it appears', () => {
  const { lines, log } = capture();
  const shared = { n: 1 };
  log.info('twice', { pair: [shared, shared] });
  assert.equal(field(lines[0], 'pair'), [{ n: 1 }, { n: 1 }]);
});

t('info and above: an error is its cause chain on one line, without the stack', () => {
  const { lines, log } = capture('info');
  const root = new Error('connect ECONNREFUSED 127.0.0.1:9');
  const mid = new Error('the store is locked', { cause: root });
  const top = new Error('could not start the payment', { cause: mid });
  log.error('api request failed', { method: 'POST', error: top });
  assert.is(lines[0], '<3>error api request failed method=POST error="could not start the payment: the store is locked: connect ECONNREFUSED 127.0.0.1:9"');
});

t('the one-line chain leaves out a cause the message above already says', () => {
  const { lines, log } = capture('warn');
  const low = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  const e = new GlaseTransportError('transport', 'getPaymentStatus', 'unknown', 'ECONNRESET: read ECONNRESET', { cause: low });
  log.warn('glase', { error: e });
  assert.is(field(lines[0], 'error'), 'getPaymentStatus: ECONNRESET: read ECONNRESET');
});

t('a non-Error cause and an AggregateError with an empty message still say something', () => {
  const { lines, log } = capture();
  const agg = Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:80'), new Error('connect ECONNREFUSED 127.0.0.1:80')], ''), { code: 'ECONNREFUSED' });
  log.info('x', { a: new Error('wrapped', { cause: { status: 503, token: SECRET } }), b: agg });
  assert.not.ok(lines[0].includes(SECRET));
  assert.is(field(lines[0], 'a'), 'wrapped: {"status":503,"token":"***"}');
  assert.is(field(lines[0], 'b'), 'ECONNREFUSED (connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80)');
});

t('debug: each error shows its code, outcome, stack and the whole cause chain, on one line', () => {
  const { lines, log } = capture('debug');
  const device = new DeviceError('paperOut', 'paper is out', { cause: new Error('status byte 0x0c') });
  const e = new GlaseTransportError('timeout', 'sendInvoice', 'unknown', 'no response within 10 ms', { cause: device });
  log.error('api request failed', { error: e });
  assert.is(lines.length, 1);
  assert.not.ok(lines[0].includes('\n'), 'one journald line');
  const f = field(lines[0], 'error') as any;
  assert.equal([f.name, f.code, f.outcome, f.kind, f.message], ['GlaseTransportError', 'glase.timeout', 'unknown', 'timeout', 'sendInvoice: no response within 10 ms']);
  assert.match(f.stack, /^GlaseTransportError: sendInvoice: no response within 10 ms\n\s+at /);
  assert.equal([f.cause.name, f.cause.code, f.cause.message], ['DeviceError', 'paperOut', 'paper is out']);
  assert.match(f.cause.stack, /log\.test\.ts/);
  assert.equal([f.cause.cause.message, f.cause.cause.cause], ['status byte 0x0c', undefined]);
  assert.match(f.cause.cause.stack, /^Error: status byte 0x0c\n\s+at /);
});

t('values that JSON cannot hold do not break a line: bigint, functions, dates, buffers', () => {
  const { lines, log } = capture();
  log.info('odd', { big: 12345678901234567890n, fn: () => 1, at: new Date(0), buf: Buffer.from('abc'), text: 'two words', empty: '', ctl: 'a\u001bb' });
  assert.is(lines[0], '<6>info odd big=12345678901234567890 fn=undefined at=1970-01-01T00:00:00.000Z buf="[Buffer 3 bytes]" text="two words" empty="" ctl="a\\u001bb"');
});

t('a getter that throws does not break logging', () => {
  const { lines, log } = capture();
  const hostile = { ok: 1, get bad(): never { throw new Error('no'); } };
  log.info('hostile', { hostile });
  assert.equal(field(lines[0], 'hostile'), { ok: 1, bad: '[unreadable]' });
});

t.run();
