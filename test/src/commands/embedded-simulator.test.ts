// End to end as in the issue: `glase-pos simulator` runs as its own process, the till commands
// find it through glase.url = "embedded" and simulator.port, and the customer pays through the
// simulator's control API.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RESELLER, ROOT, collect, jsonEvents, runCli, spawnCli } from './_cli.js';

const t = suite('glase-pos pay against glase-pos simulator');

t('register, assign-id, pay; the customer pays from the control API', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glase-embedded-'));
  const sim = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'simulator', '--port', '0'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve) =>
      createInterface({ input: sim.stdout! }).on('line', (l) => {
        const m = /simulator listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(l);
        if (m) resolve(m[1]);
      }),
    );
    const port = new URL(url).port;
    const env = { PATH: process.env.PATH, NO_COLOR: '1', GLASE_POS__DATA_DIR: join(dir, 'data'), GLASE_POS__GLASE__URL: 'embedded', GLASE_POS__SIMULATOR__PORT: port };
    const post = (path: string, body: unknown) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.is((await post('/simulator/resellers', RESELLER)).status, 201);

    const reg = await runCli(['register', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId], env, RESELLER.password + '\n');
    assert.is(reg.code, 0, reg.stderr);
    assert.is((await runCli(['assign-id', 'EMBED1'], env)).code, 0);
    const status = JSON.parse((await runCli(['status', '--json'], env)).stdout);
    assert.is(status.server.url, `${url}/soap/merchant/cashregister-2`);
    assert.is(status.ready, true);

    const child = spawnCli(['pay', '--amount', '99.90', '--json'], env);
    const done = collect(child, '');
    const ev = jsonEvents(child);
    await ev.waitFor((x) => x.state === 'live.window');
    const paid = await post('/simulator/customer/pay', { glaseId: 'EMBED1' });
    assert.is(paid.status, 200);
    const r = await done;
    assert.is(r.code, 0, r.stderr);
    assert.equal(ev.events.at(-1), { ...ev.events.at(-1), type: 'result', outcome: 'completed', ersReference: ((await paid.json()) as any).payment.ersReference });
  } finally {
    sim.kill('SIGTERM');
    await new Promise((r) => sim.once('close', r));
    rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
