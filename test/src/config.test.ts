import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, envOverrides, loadConfig, ConfigError } from '../../src/config.js';

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
t.run();
