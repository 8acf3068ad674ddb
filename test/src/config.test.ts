import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, envOverrides, loadConfig, ConfigError } from '../../src/config.js';
import { envName, envPath } from '../../src/config-env.js';

const t = suite('config');
t('embedded defaults make a runnable till', () => {
  const c = parseConfig({});
  assert.is(c.glase.url, 'embedded');
  assert.is(c.payment.pollIntervalMs, 1000);
  assert.is(c.payment.windowMs, 30000);
  assert.is(c.terminal.currency, 'SEK');
});
t('environment overrides any path', () => {
  const env = envOverrides({ GLASE_POS__PRINTER__KIND: 'tcp', GLASE_POS__PRINTER__HOST: 'lp1', GLASE_POS__PAYMENT__WINDOW_MS: '5000' });
  const c = parseConfig({ printer: { kind: 'serial', path: '/dev/ttyS0' } }, env);
  assert.is(c.printer.kind, 'tcp');
  assert.is(c.printer.host, 'lp1');
  assert.is(c.payment.windowMs, 5000);
});
t('an invalid config lists every problem by key', () => {
  try {
    parseConfig({ printer: { kind: 'tcp', port: 70000 }, terminal: { currency: 'XYZ' }, bogus: 1 });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ConfigError);
    const problems = (e as ConfigError).problems.join('\n');
    assert.match(problems, /printer\.port/);
    assert.match(problems, /terminal\.currency: must be a supported ISO 4217/);
    assert.match(problems, /bogus/);
  }
});
t('a transport without its address is named', () => {
  assert.throws(() => parseConfig({ printer: { kind: 'tcp' } }), /printer\.host: is required when printer\.kind is tcp/);
  assert.throws(() => parseConfig({ scanner: { kind: 'usb-hid', vid: '0x1234' } }), /scanner\.pid/);
});
t('a broken config file is named with the position, never quoted (it may hold a password)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'glase-config-')), 'config.json');
  writeFileSync(file, '{"api": {"token": hunter2secret}}');
  try {
    loadConfig({ file, env: {} });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ConfigError);
    assert.match((e as Error).message, /is not valid JSON \((at position \d+|syntax error)\)/);
    assert.not.match((e as Error).message, /hunter2/);
  }
});
t('an environment string stays the exact text, even when it looks like a number', () => {
  const env = envOverrides({
    GLASE_POS__API__TOKEN: '12345678901234567890',
    GLASE_POS__TERMINAL__EXTERNAL_TERMINAL_ID: '007',
    GLASE_POS__TERMINAL__NAME: 'true',
    GLASE_POS__GLASE__CLIENT_ID: '{"a":1}',
    GLASE_POS__DATA_DIR: '1e3',
  });
  const c = parseConfig(env);
  assert.is(c.api.token, '12345678901234567890');
  assert.is(c.terminal.externalTerminalId, '007');
  assert.is(c.terminal.name, 'true');
  assert.is(c.glase.clientId, '{"a":1}');
  assert.is(c.dataDir, '1e3');
});

t('environment numbers are parsed strictly; a bad one names the variable, its key and the rule', () => {
  assert.equal(envOverrides({ GLASE_POS__API__PORT: '0', GLASE_POS__PRINTER__COLUMNS: '48' }), { api: { port: 0 }, printer: { columns: 48 } });
  for (const bad of ['80a', '', ' 80', '0x50', '1e3', '08', 'NaN', 'Infinity']) {
    try {
      envOverrides({ GLASE_POS__API__PORT: bad });
      assert.unreachable(`"${bad}" was accepted`);
    } catch (e) {
      assert.instance(e, ConfigError, `"${bad}"`);
      assert.equal((e as ConfigError).problems, ['GLASE_POS__API__PORT (api.port): must be a number written with digits only, like 5000 or -1.5']);
    }
  }
  assert.throws(() => envOverrides({ GLASE_POS__PAYMENT__WINDOW_MS: '12345678901234567890' }), /GLASE_POS__PAYMENT__WINDOW_MS \(payment\.windowMs\): must be at most 9007199254740991/);
  // the schema's own rules still apply after parsing, by key
  assert.throws(() => loadConfig({ env: { GLASE_POS__API__PORT: '70000' } }), /api\.port: Number must be less than or equal to 65535/);
});

t('every bad variable is listed at once, and a value is never quoted', () => {
  try {
    loadConfig({ env: { GLASE_POS__API__PORT: 'secret80', GLASE_POS__PRINTER__HEADER: '["Shop", secretline]', GLASE_POS__API__TOKEN: 'x' } });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ConfigError);
    const p = (e as ConfigError).problems;
    assert.is(p.length, 2);
    assert.ok(p.some((x) => x.startsWith('GLASE_POS__API__PORT (api.port): must be a number')));
    assert.ok(p.some((x) => /^GLASE_POS__PRINTER__HEADER \(printer\.header\): must be JSON, like .* \((at position \d+|syntax error)\)$/.test(x)), p.join('\n'));
    assert.not.match((e as Error).message, /secret/);
  }
});

t('arrays and objects come as JSON; a number-or-hex USB id keeps both spellings', () => {
  const c = parseConfig(
    envOverrides({
      GLASE_POS__PRINTER__HEADER: '["Shop", "Street 1"]',
      GLASE_POS__API__ALLOWED_HOSTS: '["till.local"]',
      GLASE_POS__SCANNER: '{"kind": "usb-hid", "vid": "0x05e0"}',
      GLASE_POS__SCANNER__PID: '1200',
    }),
  );
  assert.equal(c.printer.header, ['Shop', 'Street 1']);
  assert.equal(c.api.allowedHosts, ['till.local']);
  assert.equal([c.scanner.kind, c.scanner.vid, c.scanner.pid], ['usb-hid', '0x05e0', 1200]);
  assert.equal(envOverrides({ GLASE_POS__PRINTER__VID: '0x04b8' }), { printer: { vid: '0x04b8' } });
});

t('an enum stays text; a variable off the schema is named unknown by the schema', () => {
  assert.equal(envOverrides({ GLASE_POS__LOG__LEVEL: 'debug' }), { log: { level: 'debug' } });
  assert.throws(() => loadConfig({ env: { GLASE_POS__API__BOGUS: '1' } }), /api: unknown key\(s\) bogus/);
  assert.throws(() => loadConfig({ env: { GLASE_POS__LOG__LEVEL: 'loud' } }), /log\.level: Invalid enum value/);
});

t('config text that reaches Glase refuses control characters, naming the key and the rule', () => {
  for (const [env, key] of [
    [{ GLASE_POS__TERMINAL__NAME: 'Till\u0007' }, 'terminal.name'],
    [{ GLASE_POS__TERMINAL__EXTERNAL_TERMINAL_ID: 'till\u001b1' }, 'terminal.externalTerminalId'],
    [{ GLASE_POS__GLASE__CLIENT_ID: 'pos\u0000' }, 'glase.clientId'],
    [{ GLASE_POS__GLASE__CHANNEL: 'W\nS' }, 'glase.channel'],
    // printed on every receipt: a raw ESC or NUL there reaches the printer
    [{ GLASE_POS__PRINTER__HEADER: '["Shop", "\\u001bp\\u0000"]' }, 'printer.header.1'],
    [{ GLASE_POS__PRINTER__FOOTER: '["Tack\\u0007"]' }, 'printer.footer.0'],
  ] as const) {
    try {
      loadConfig({ env });
      assert.unreachable(key);
    } catch (e) {
      assert.instance(e, ConfigError, key);
      assert.match((e as ConfigError).problems.join('\n'), new RegExp(`^${key.replaceAll('.', '\\.')}: must not contain control characters`, 'm'), key);
    }
  }
  assert.is(loadConfig({ env: { GLASE_POS__TERMINAL__NAME: 'Kassa 1 – Café' } }).terminal.name, 'Kassa 1 – Café');
});

t('envName is the variable of a key path (the inverse of envPath)', () => {
  for (const path of [['api', 'port'], ['payment', 'windowMs'], ['terminal', 'externalTerminalId']]) {
    const name = envName(path);
    assert.equal(envPath(name, 'GLASE_POS__'), path, name);
  }
  assert.is(envName(['simulator', 'port']), 'GLASE_POS__SIMULATOR__PORT');
  assert.is(envName(['payment', 'windowMs']), 'GLASE_POS__PAYMENT__WINDOW_MS');
});

t('a bare number in the JSON file for a text key is refused naming the key (it was coerced to text)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, '{"api": {"token": 12345678901234567890}, "terminal": {"externalTerminalId": 7}, "printer": {"header": ["Shop", 1]}}');
  try {
    loadConfig({ file, env: {} });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ConfigError);
    const p = (e as ConfigError).problems.join('\n');
    assert.match(p, /^api\.token: must be text in double quotes/m);
    assert.match(p, /^terminal\.externalTerminalId: must be text in double quotes/m);
    assert.match(p, /^printer\.header\.1: must be text in double quotes/m);
  }
  writeFileSync(file, '{"api": {"token": "12345678901234567890"}}');
  assert.is(loadConfig({ file, env: {} }).api.token, '12345678901234567890');
});

t('payment.maxAmount: integer minor units within the currency\'s largest amount', () => {
  assert.is(parseConfig({}).payment.maxAmount, 1_000_000);
  assert.is(parseConfig({ payment: { maxAmount: 250000 } }).payment.maxAmount, 250000);
  for (const [bad, rule] of [[12.5, /payment\.maxAmount: must be an integer number of minor units/], [0, /payment\.maxAmount: must be an integer number of minor units > 0/], ['500', /payment\.maxAmount: must be an integer/], [100000001, /payment\.maxAmount: must be at most 100000000 minor units/]] as const) {
    try {
      parseConfig({ payment: { maxAmount: bad } });
      assert.unreachable(String(bad));
    } catch (e) {
      assert.instance(e, ConfigError);
      assert.match((e as ConfigError).problems.join('\n'), rule, String(bad));
    }
  }
  assert.is(loadConfig({ env: { GLASE_POS__PAYMENT__MAX_AMOUNT: '300000' } }).payment.maxAmount, 300000);
});

t.run();
