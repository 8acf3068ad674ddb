import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';

const t = suite('config: systemd credentials');
const credDir = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'creds-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

t('api-token and glase-ca.pem from $CREDENTIALS_DIRECTORY configure the token and CA file', () => {
  const dir = credDir({ 'api-token': 's3cret-token\n', 'glase-ca.pem': '-----BEGIN CERTIFICATE-----\n' });
  const c = loadConfig({ env: { CREDENTIALS_DIRECTORY: dir } });
  assert.is(c.api.token, 's3cret-token');
  assert.is(c.glase.caFile, join(dir, 'glase-ca.pem'));
});

t('credentials override the config file, GLASE_POS__ variables override credentials', () => {
  const dir = credDir({ 'api-token': 'from-credential' });
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ api: { token: 'from-file' } }));
  assert.is(loadConfig({ file, env: { CREDENTIALS_DIRECTORY: dir } }).api.token, 'from-credential');
  assert.is(loadConfig({ file, env: { CREDENTIALS_DIRECTORY: dir, GLASE_POS__API__TOKEN: 'from-env' } }).api.token, 'from-env');
});

t('empty or missing credential files configure nothing (the image ships empty placeholders)', () => {
  const dir = credDir({ 'api-token': '\n', 'glase-ca.pem': '' });
  const c = loadConfig({ env: { CREDENTIALS_DIRECTORY: dir } });
  assert.is(c.api.token, undefined);
  assert.is(c.glase.caFile, undefined);
  assert.is(loadConfig({ env: { CREDENTIALS_DIRECTORY: credDir({}) } }).api.token, undefined);
  assert.is(loadConfig({ env: {} }).api.token, undefined);
});

t('an unreadable credential is a config error naming it, without its content', () => {
  if (process.getuid?.() === 0) {
    // root reads a 0000 file: use a directory in the credential's place instead
    const dir = credDir({});
    mkdirSync(join(dir, 'api-token'));
    return expectError(dir);
  }
  const dir = credDir({ 'api-token': 'never-printed' });
  chmodSync(join(dir, 'api-token'), 0);
  expectError(dir);
});

function expectError(dir: string) {
  try {
    loadConfig({ env: { CREDENTIALS_DIRECTORY: dir } });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ConfigError);
    assert.match((e as Error).message, /credential api-token: cannot be read/);
    assert.not.match((e as Error).message, /never-printed/);
  }
}

t.run();
