// A child process for the lock tests: takes <dataDir>'s till lock when told, says whether it
// got it, and holds it until told to release it, its stdin closes, or it is killed.
//   argv: dataDir [--now]
//   stdin: "go" → try (answers "took" or "busy <pid>"); "release" → answers "released"
import { createInterface } from 'node:readline';
import { TillBusyError, acquireTillLock } from '../../../src/till/lock.js';

const dir = process.argv[2]!;
let release: (() => void) | undefined;
const tryLock = () => {
  try {
    release = acquireTillLock(dir);
    console.log('took');
  } catch (e) {
    if (!(e instanceof TillBusyError)) throw e;
    console.log(`busy ${e.pid ?? '?'}`);
  }
};
if (process.argv.includes('--now')) tryLock();
else console.log('ready');
const lines = createInterface({ input: process.stdin });
lines.on('line', (l) => {
  if (l.trim() === 'go') tryLock();
  if (l.trim() === 'release') {
    release?.();
    release = undefined;
    console.log('released');
  }
});
lines.on('close', () => process.exit(0));
