// Helper processes of the emulators (socat) must not outlive the process that started them,
// even when it is killed with SIGKILL and cannot clean up. Linux's parent-death signal does
// that: `setpriv --pdeathsig TERM` (util-linux) sets it, then execs the program. Without a
// working setpriv the program is started plainly (it is then stopped by close() only, or by
// systemd, which kills the unit's whole control group).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';

let setpriv: boolean | undefined;

function hasSetpriv(): boolean {
  // tried for real, not --help: under the till's unit (SystemCallFilter=~@privileged) setpriv
  // exists but dies applying its capability set (capset is denied), so socat would never start
  setpriv ??= spawnSync('setpriv', ['--pdeathsig', 'TERM', '--', 'true'], { stdio: 'ignore' }).status === 0;
  return setpriv;
}

export function spawnDyingWithUs(command: string, args: string[], opts: SpawnOptions): ChildProcess {
  return hasSetpriv() ? spawn('setpriv', ['--pdeathsig', 'TERM', '--', command, ...args], opts) : spawn(command, args, opts);
}
