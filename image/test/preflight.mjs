// Can this machine build and boot the image at all? Checked before the ~15 min build, so a CI
// runner that cannot run containers fails in seconds with the reason, not after the build
// with an nspawn error. Nothing is skipped: a missing ability is a failure that names it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CAP_SYS_ADMIN = 21n;
const HOW =
  'The boot test needs root with CAP_SYS_ADMIN, mount/PID/network namespaces and a cgroup file system: ' +
  'a VM or bare machine, or a container started with --privileged (Docker/Podman).';

/** [problem, …]; empty when the machine can build and boot the image */
export function preflightProblems() {
  const problems = [];
  if (process.getuid() !== 0) problems.push('not running as root (mmdebstrap, chroot, systemd-nspawn and nsenter need root)');
  const capEff = readFileSync('/proc/self/status', 'utf8').match(/^CapEff:\s*([0-9a-f]+)$/m)?.[1];
  if (capEff && !((BigInt('0x' + capEff) >> CAP_SYS_ADMIN) & 1n)) problems.push(`CAP_SYS_ADMIN is not in the effective capabilities (CapEff ${capEff}): mounts and namespaces are refused`);
  for (const [tool, pkg] of [['mmdebstrap', 'mmdebstrap'], ['systemd-nspawn', 'systemd-container'], ['nsenter', 'util-linux'], ['pgrep', 'procps'], ['systemctl', 'systemd']]) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) problems.push(`${tool} is missing (apt-get install ${pkg})`);
  }
  if (!existsSync('/sys/fs/cgroup') || spawnSync('sh', ['-c', 'ls /sys/fs/cgroup | grep -q .']).status !== 0) problems.push('/sys/fs/cgroup is empty or missing: systemd in the container needs a cgroup file system');
  if (problems.length === 0) {
    // the namespaces nspawn creates, tried for real: a seccomp or AppArmor profile can refuse
    // them even with the capability
    const ns = spawnSync('unshare', ['--mount', '--pid', '--net', '--uts', '--ipc', '--fork', '--', 'sh', '-c', 'mount -t tmpfs none /mnt && umount /mnt'], { encoding: 'utf8' });
    if (ns.status !== 0) problems.push(`new mount/PID/network namespaces with a tmpfs mount fail here: ${(ns.stderr || String(ns.error)).trim()}`);
  }
  return problems;
}

/** prints the problems with what the machine needs; true when there are none */
export function preflight() {
  const problems = preflightProblems();
  if (problems.length === 0) return true;
  console.error(`image:test: this machine cannot build and boot the till image:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${HOW}`);
  return false;
}
