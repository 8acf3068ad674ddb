// The Host header rule (DNS rebinding): a page whose name was rebound to 127.0.0.1 reaches us
// with its own name in Host, so only our loopback names, the address we listen on and the
// names in api.allowedHosts are answered.
const WILDCARD = new Set(['0.0.0.0', '::', '']);

export interface HostRule {
  allows(host: string | undefined): boolean;
  /** the rule in words, for the error answer */
  readonly rule: string;
}

/** "till.local" → ["till.local:8080"]; "::1" → ["[::1]:8080"]; a name with a port stays as it is. */
function hostValues(name: string, port: number): string[] {
  let n = name.trim().toLowerCase();
  if ((n.match(/:/g)?.length ?? 0) > 1 && !n.startsWith('[')) n = `[${n}]`; // a bare IPv6 literal
  if (/^\[[^\]]+\]:\d+$/.test(n) || /^[^:[\]]+:\d+$/.test(n)) return [n];
  return [`${n}:${port}`, ...(port === 80 ? [n] : [])];
}

export function hostRule(port: number, listenHost: string, allowedHosts: readonly string[] = []): HostRule {
  const names = ['127.0.0.1', 'localhost', '::1', ...(WILDCARD.has(listenHost) ? [] : [listenHost]), ...allowedHosts];
  const shown = [...new Set(names.map((n) => hostValues(n, port)[0]))];
  const allowed = new Set(names.flatMap((n) => hostValues(n, port)));
  return {
    allows: (host) => host !== undefined && allowed.has(host.toLowerCase()),
    rule: `must be ${shown.join(', ')} (other names go in api.allowedHosts)`,
  };
}
