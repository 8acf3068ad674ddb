#!/usr/bin/env node
// Prints the ELF machine of every native addon (*.node) under the given directories and files,
// and with --expect MACHINE fails unless all of them (at least one) are for that machine: an
// x86-64 addon in an arm64 image would only fail on the till, at require().
// Usage: node elf-machine.mjs [--expect aarch64|x86-64] PATH...
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MACHINES = { 3: 'i386', 40: 'arm', 62: 'x86-64', 183: 'aarch64' }; // e_machine values (elf.h)

/** the ELF e_machine of a file, or why it has none */
export function elfMachine(file) {
  const head = Buffer.alloc(20);
  if (!existsSync(file)) return 'missing';
  const fd = openSync(file, 'r');
  try { readSync(fd, head, 0, 20, 0); } finally { closeSync(fd); }
  if (head.readUInt32BE(0) !== 0x7f454c46) return 'not ELF';
  const e = head[5] === 1 ? head.readUInt16LE(18) : head.readUInt16BE(18);
  return MACHINES[e] ?? `machine ${e}`;
}

function* addons(path) {
  if (!statSync(path).isDirectory()) { yield path; return; }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, entry.name);
    if (entry.isDirectory()) yield* addons(p);
    else if (entry.isFile() && entry.name.endsWith('.node')) yield p;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--expect');
  const expect = at >= 0 ? args.splice(at, 2)[1] : null;
  let files = 0, wrong = 0;
  for (const root of args) {
    for (const file of addons(root)) {
      const machine = elfMachine(file);
      files++;
      if (expect && machine !== expect) wrong++;
      console.log(`${expect && machine !== expect ? 'WRONG ' : ''}${machine}\t${file}`);
    }
  }
  if (expect && (wrong || !files)) {
    console.error(`elf-machine: ${files ? `${wrong} of ${files} native addons are not ${expect}` : 'no native addon found'}`);
    process.exit(1);
  }
}
