// A hostile request target (found when the till was attacked again, issue 9): "GET http://["
// answered 500 and wrote an error line with a stack to the log per request, so anyone who can
// reach the port could flood the log; "//other/api/status" was answered as /api/status. Now
// anything but a plain path is a 400 naming the rule, and nothing is logged.
import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger, type Logger } from '../../../src/lib/log.js';
import { startTestTill, type TestTill } from './_till.js';

const t = suite('api: hostile request targets');
let till: TestTill;
const logged: string[] = [];
const log: Logger = { ...silentLogger, warn: (m: string) => void logged.push(`warn ${m}`), error: (m: string) => void logged.push(`error ${m}`), child: () => log } as Logger;

t.before(async () => {
  till = await startTestTill({ printer: { kind: 'none' }, scanner: { kind: 'none' } }, { demo: false, log });
});
t.after(async () => till.close());

/** One request written byte for byte (no client library would send these targets). */
function raw(target: string): Promise<{ status: number; body: any }> {
  const port = till.config.api.port;
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d) => (out += d));
    s.on('error', reject);
    s.on('end', () => {
      const [head, body = ''] = out.split('\r\n\r\n');
      let json: any = body;
      try {
        json = JSON.parse(body);
      } catch {
        /* not JSON */
      }
      resolve({ status: Number(head.split(' ')[1]), body: json });
    });
  });
}

t('targets that are not a plain path: 400 naming the rule, no error in the log', async () => {
  for (const target of ['http://[', 'http://x:99999/', '//evil.example/api/status', '/\\evil.example/api/status', `http://127.0.0.1:${till.config.api.port}/api/status`, '*']) {
    const r = await raw(target);
    assert.is(r.status, 400, target);
    assert.equal([r.body.error.field, r.body.error.rule], ['path', 'must be a path starting with one "/", like /api/status'], target);
  }
  assert.equal(logged.filter((l) => l.startsWith('error')), [], 'nothing for the log');
});

t('plain paths still work, odd ones are a clean 404', async () => {
  assert.is((await raw('/api/readiness')).status, 200);
  assert.is((await raw('/api/status?%')).status, 200);
  assert.is((await raw('/%zz')).status, 404);
  assert.equal(logged.filter((l) => l.startsWith('error')), []);
});

t.run();
