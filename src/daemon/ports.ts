// A port the daemon needs is taken: say which setting to change and how, instead of a raw
// EADDRINUSE. Both the config file key and its environment variable are named.
import { envName } from '../config-env.js';
import { GlasePosError } from '../lib/errors.js';

export type PortKey = 'api.port' | 'simulator.port';

export class PortInUseError extends GlasePosError {
  constructor(
    readonly key: PortKey,
    readonly port: number,
    why: string,
    options?: ErrorOptions & { canStopIt?: boolean },
  ) {
    const env = envName(key.split('.'));
    const other = `give this till another port: "${key}" in the config file or ${env}=<port> in the environment (for example ${env}=${port + 1})`;
    super('daemon.port-in-use', `${key} ${port}: ${why}; ${options?.canStopIt === false ? other.replace(/^g/, 'G') : `stop it, or ${other}`}`, options);
  }
}

/** The listen error as a PortInUseError naming its setting; other errors unchanged. */
export function portError(e: unknown, key: PortKey, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new PortInUseError(key, port, `another program already listens on ${host}:${port}`, { cause: e });
  if (code === 'EACCES') return new PortInUseError(key, port, `this user may not listen on ${host}:${port} (ports below 1024 need privileges)`, { cause: e, canStopIt: false });
  return e;
}
