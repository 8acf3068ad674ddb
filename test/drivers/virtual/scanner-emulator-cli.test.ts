import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.js';
import type { ScanEvent } from '../../../drivers/scanner/scanner.js';

const t = suite('scanner emulator cli');

t('prints the pty path and scans each stdin line; exits on end of input', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glase-scanner-cli-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'drivers/virtual/scanner-emulator-cli.ts', dir, 'LF'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    while (!/path=(\S+)/.test(out)) await once(child.stdout, 'data');
    const path = /path=(\S+)/.exec(out)![1];
    assert.is(path, join(dir, 'scanner-host'));
    const scanner = new SerialScanner({ path, terminator: 'LF' });
    await scanner.start();
    const got = once(scanner, 'scanned');
    child.stdin.write('GLASE77\n');
    assert.is(((await got)[0] as ScanEvent).payload, 'GLASE77');
    await scanner.stop();
    child.stdin.end();
    const [code] = await once(child, 'exit');
    assert.is(code, 0);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

t('refuses an unknown terminator naming the rule', async () => {
  for (const term of ['NUL', 'constructor']) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'drivers/virtual/scanner-emulator-cli.ts', '/tmp/x', term], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const [code] = await once(child, 'exit');
    assert.is(code, 2, term);
    assert.match(err, new RegExp(`terminator: must be one of CR, LF, CRLF, TAB \\(got ${term}\\)`));
  }
});

t.run();
