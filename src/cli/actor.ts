// Who did it, for the audit log: the CLI runs as a local user on the box.
import { userInfo } from 'node:os';

export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli'; // no passwd entry for this uid (a container's arbitrary user)
  }
}
