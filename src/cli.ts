#!/usr/bin/env node
// The `glase-pos` executable (package.json "bin"). It always runs: this file is only ever
// the program's entry, never imported, so it works however it is started — `node
// dist/src/cli.js`, `npx glase-pos`, a symlink such as /usr/local/bin/glase-pos or the one
// `npm link` makes. (It once compared import.meta.url with argv[1], which a symlink defeats.)
import { main } from './commands/index.js';

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`glase-pos: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
