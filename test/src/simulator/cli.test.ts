import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `glase-pos simulator` as a user runs it: prints its URLs, serves, stops on SIGTERM.
const t = suite('glase-pos simulator command');
const CLI = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'simulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { child, exited, output: () => out };
}

t('serves on the printed URL, logs one line per SOAP call, and exits 0 on SIGTERM', async () => {
  const p = run(['--port', '0', '--reversal-ms', '5000']);
  let url = '';
  for (let i = 0; i < 200 && !url; i++) {
    await new Promise((r) => setTimeout(r, 50));
    url = /simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output())?.[1] ?? '';
  }
  assert.ok(url, p.output());
  assert.match(p.output(), /SOAP endpoint http:\/\/127\.0\.0\.1:\d+\/soap\/merchant\/cashregister-2/);
  const res = await fetch(url + '/simulator/resellers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resellerId: 's', userId: '9900', password: 'hunter2-secret' }) });
  assert.is(res.status, 201);
  const soap = `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><registerTerminal xmlns="http://external.interfaces.ers.seamless.com/"><context xmlns=""><initiatorPrincipalId><id>s</id><type>RESELLERUSER</type><userId>9900</userId></initiatorPrincipalId><password>hunter2-secret</password></context><password xmlns="">terminal-secret</password></registerTerminal></Body></Envelope>`;
  const r = await fetch(url + '/soap/merchant/cashregister-2', { method: 'POST', body: soap });
  assert.match(await r.text(), /<resultCode>0<\/resultCode>/);
  await new Promise((r) => setTimeout(r, 100));
  p.child.kill('SIGTERM');
  assert.is(await p.exited, 0);
  const lines = p.output().split('\n').filter((l) => l.includes('operation=registerTerminal'));
  assert.is(lines.length, 1);
  assert.match(lines[0], /principal=RESELLERUSER:s\/9900 resultCode=0 ms=/);
  assert.not.match(p.output(), /hunter2|terminal-secret/);
  assert.match(p.output(), /simulator stopped/);
});

t('a bad option is exit code 2 with a message naming it', async () => {
  const p = run(['--port', 'abc']);
  assert.is(await p.exited, 2);
  assert.match(p.output(), /--port: must be a whole number from 0 to 65535/);
  const q = run(['--colour']);
  assert.is(await q.exited, 2);
  assert.match(q.output(), /colour/);
});

t.run();
