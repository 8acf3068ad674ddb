#!/usr/bin/env node
// Runs every test/**/*.test.ts in its own process (uvu suites stay isolated, a crash costs
// one file), then ends with the one line CI reads: "N passed, N failed".
// Usage: npm test [-- substring ...]   (only files whose path contains a substring)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const jobs = Number(process.env.TEST_JOBS ?? 2);

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return find(p);
    return p.endsWith('.test.ts') ? [p] : [];
  });
}

const files = find(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const limit = setTimeout(() => child.kill('SIGKILL'), Number(process.env.TEST_FILE_TIMEOUT_MS ?? 600_000));
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      const num = (label) => Number((out.match(new RegExp(`${label}:\\s+(\\d+)`)) ?? [])[1] ?? NaN);
      const total = num('Total');
      const passed = num('Passed');
      const skipped = num('Skipped') || 0;
      let result;
      if (Number.isNaN(total) || Number.isNaN(passed)) {
        result = { passed: 0, failed: 1, note: `no uvu summary (exit ${code ?? signal})` };
      } else {
        const failed = total - passed - skipped + (code === 0 ? 0 : passed === total - skipped ? 1 : 0);
        result = { passed, failed };
      }
      resolve({ file, out, ms: Date.now() - started, ...result });
    });
  });
}

// Browser tests (a Chromium and a whole till each) run one at a time after the rest: two at
// once on a 2-core machine starve each other's timers and flake.
const heavy = (f) => f.startsWith('test/ui/');
const results = [];
let queue = [];
let next = 0;
async function worker() {
  while (next < queue.length) {
    const file = queue[next++];
    const r = await runFile(file);
    results.push(r);
    const mark = r.failed ? 'FAIL' : 'ok  ';
    process.stdout.write(`${mark} ${r.file}  ${r.passed} passed, ${r.failed} failed  (${r.ms} ms)${r.note ? '  ' + r.note : ''}\n`);
    if (r.failed) process.stdout.write(r.out.split('\n').map((l) => '     | ' + l).join('\n') + '\n');
  }
}
for (const [batch, width] of [[files.filter((f) => !heavy(f)), jobs], [files.filter(heavy), 1]]) {
  queue = batch;
  next = 0;
  await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
}

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
if (files.length === 0) console.log('no test files matched');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || files.length === 0 ? 1 : 0);
