// What each dependency costs in memory after import (figures, not pass/fail): a fresh node
// per module imports it (better-sqlite3 also opens a database, so its native part loads),
// forces GC and reports RSS and heap used; the median of --runs runs, minus bare node.
// The last rows load the daemon's own code as a till runs it (dist/src/commands/daemon.js,
// after `npm run build`) and list which packages that loads: the simulator, the emulators
// and the USB/serial modules must not be among them (README, Performance).
// Run: npm run bench:imports [-- --runs 3]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const CANDIDATES = ['xstate', 'zod', 'better-sqlite3', 'fast-xml-parser', 'soap', '@point-of-sale/receipt-printer-encoder', '@serialport/stream', 'serialport', 'usb'];

function measure(code: string): { rss: number; heap: number } {
  const script = `${code}
globalThis.gc(); globalThis.gc(); await new Promise((r) => setTimeout(r, 50)); globalThis.gc();
const u = process.memoryUsage(); console.log(JSON.stringify({ rss: u.rss, heap: u.heapUsed }));`;
  const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!) as { rss: number; heap: number });
  const med = (k: 'rss' | 'heap') => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { rss: med('rss'), heap: med('heap') };
}

const MB = (b: number) => (b / 1048576).toFixed(1).padStart(6);
const base = measure('');
console.log(`median of ${RUNS} fresh processes each, node ${process.version}`);
console.log(`${'module'.padEnd(42)}   RSS MB  +RSS MB  heap MB`);
console.log(`${'(bare node)'.padEnd(42)} ${MB(base.rss)}           ${MB(base.heap)}`);
// soap was a dependency until issue 11 replaced it; its rows print only where it is still installed
const installed = (m: string) => spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(m)})`], { cwd: ROOT }).status === 0;
const MODULES = CANDIDATES.filter(installed);
for (const m of CANDIDATES.filter((m) => !MODULES.includes(m))) console.log(`${m.padEnd(42)} (not installed)`);
for (const m of MODULES) {
  const extra = m === 'better-sqlite3' ? "new (x.default)(':memory:').close();" : '';
  const r = measure(`const x = await import(${JSON.stringify(m)}); ${extra}`);
  console.log(`${m.padEnd(42)} ${MB(r.rss)}  ${MB(r.rss - base.rss)}   ${MB(r.heap)}`);
}
const all = measure(`${MODULES.map((m) => `await import(${JSON.stringify(m)});`).join(' ')}`);
console.log(`${'all of the above'.padEnd(42)} ${MB(all.rss)}  ${MB(all.rss - base.rss)}   ${MB(all.heap)}`);
// what soap adds on top of the rest (the increments above overlap: node's own loaders load once)
if (MODULES.includes('soap')) {
  const noSoap = measure(`${MODULES.filter((m) => m !== 'soap').map((m) => `await import(${JSON.stringify(m)});`).join(' ')}`);
  console.log(`${'all but soap (soap adds the difference)'.padEnd(42)} ${MB(noSoap.rss)}  ${MB(noSoap.rss - base.rss)}   ${MB(noSoap.heap)}`);
}
if (existsSync(`${ROOT}dist/src/commands/daemon.js`)) {
  const d = measure("await import('./dist/src/commands/daemon.js');");
  console.log(`${'the daemon command, as a till loads it'.padEnd(42)} ${MB(d.rss)}  ${MB(d.rss - base.rss)}   ${MB(d.heap)}`);
  // which packages and which of our folders it loads: a resolve hook lists every module
  const hook = `data:text/javascript,${encodeURIComponent("export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }")}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { register } from 'node:module'; register(${JSON.stringify(hook)}); await import('./dist/src/commands/daemon.js');`], { cwd: ROOT, encoding: 'utf8' });
  const urls = [...new Set(r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7)))];
  const pkgs = new Set(urls.map((u) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter(Boolean));
  const ours = urls.filter((u) => !u.includes('node_modules'));
  const folders = new Set(ours.map((u) => /dist\/((?:src\/)?[^/]+)/.exec(u)?.[1]).filter(Boolean));
  console.log(`it loads ${ours.length} of our modules (${[...folders].sort().join(', ')}) and these packages (ESM entries; CommonJS requires inside them not listed): ${[...pkgs].sort().join(', ')}`);
  const unwanted = ours.filter((u) => /\/(simulator|virtual|usb)\/|demo-bootstrap|embedded-simulator|serial/.test(u));
  console.log(unwanted.length ? `NOT production: ${unwanted.join(', ')}` : 'none of: simulator, emulators, demo bootstrap, usb or serial drivers');
} else console.log('(npm run build first for the daemon rows)');
