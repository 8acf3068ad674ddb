// A scanner on the desk for laptop demos: `npx tsx drivers/virtual/scanner-emulator-cli.ts [dir] [CR|LF|CRLF|TAB]`
// prints the pty path for `scanner.path`, then "scans" every line typed on stdin.
import { createInterface } from 'node:readline';
import { TERMINATOR_TEXT, type Terminator } from '../scanner/line-splitter.js';
import { startScannerEmulator } from './scanner-emulator.js';

const [dir, term = 'CR'] = process.argv.slice(2);
if (!Object.hasOwn(TERMINATOR_TEXT, term)) { // not `in`: 'constructor' would pass
  process.stderr.write(`terminator: must be one of ${Object.keys(TERMINATOR_TEXT).join(', ')} (got ${term})\n`);
  process.exit(2);
}
const emu = await startScannerEmulator({ dir, terminator: term as Terminator });
process.stdout.write(`scanner emulator ready: path=${emu.path}\n`);
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.length > 0) void emu.scan(line).then(() => process.stdout.write(`scanned ${JSON.stringify(line)}\n`));
});
const shutdown = async () => {
  rl.close();
  await emu.close();
  process.exit(0);
};
rl.on('close', shutdown);
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
