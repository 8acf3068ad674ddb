// Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"):
// sleep = random(0, min(cap, base · 2^attempt)); a server's Retry-After wins when longer.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, o: BackoffOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(o.capMs, o.baseMs * 2 ** Math.min(attempt, 30));
  const d = Math.floor((o.random ?? Math.random)() * ceiling);
  return retryAfterMs !== undefined ? Math.max(d, retryAfterMs) : d;
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const t = Date.parse(header);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
