// Helper processes of the emulators (socat) must not outlive the process that started them,
// even when it is killed with SIGKILL and cannot clean up. Linux's parent-death signal does
// that: `setpriv --pdeathsig TERM` (util-linux) sets it, then execs the program. Without
// setpriv the program is started plainly (it is then stopped by close() only).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';

let setpriv: boolean | undefined;

function hasSetpriv(): boolean {
  setpriv ??= spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;
  return setpriv;
}

export function spawnDyingWithUs(command: string, args: string[], opts: SpawnOptions): ChildProcess {
  return hasSetpriv() ? spawn('setpriv', ['--pdeathsig', 'TERM', '--', command, ...args], opts) : spawn(command, args, opts);
}
