// Who may read /metrics: a scraper on the till (loopback), or one elsewhere with the token.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IncomingMessage } from 'node:http';
import { ClientAuth, mayScrape } from '../../../src/api/auth.js';

const req = (remoteAddress: string, authorization?: string) => ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;
const auth = new ClientAuth({ token: 'fleet-token', kioskSecret: 'k'.repeat(64), port: 8080 });

const t = suite('/metrics access');
t('loopback callers may scrape, with or without the token', () => {
  assert.ok(mayScrape(req('127.0.0.1'), auth));
  assert.ok(mayScrape(req('::1'), auth));
});
t('a caller from the network needs the bearer token', () => {
  assert.not.ok(mayScrape(req('192.0.2.7'), auth));
  assert.not.ok(mayScrape(req('192.0.2.7', 'Bearer wrong'), auth));
  assert.ok(mayScrape(req('192.0.2.7', 'Bearer fleet-token'), auth));
});
t.run();
