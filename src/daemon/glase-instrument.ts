// Counts every Glase call by operation and result for /metrics, and takes the detection
// latency from a status answer that reports the invoice paid with Glase's payment time.
// A wrapper around the client, so the client and the till know nothing of metrics.
import type { GlaseClient } from '../glase/client.js';
import type { DaemonMetrics } from './metrics.js';

const resultOf = (r: unknown) => {
  const code = (r as { code?: unknown } | undefined)?.code;
  return code === undefined ? 'ok' : String(code);
};

export function instrumentGlase(client: GlaseClient, metrics: DaemonMetrics, now: () => number = Date.now): GlaseClient {
  const seen = new Set<string>(); // ersReferences already measured (the till polls a paid invoice again after a restart)
  const observePaid = (r: unknown) => {
    const s = r as { status?: string; ersReference?: string; receipt?: { paymentDate?: string } } | undefined;
    const paidAt = Date.parse(s?.receipt?.paymentDate ?? '');
    if (s?.status !== 'PAID' || !s.ersReference || Number.isNaN(paidAt) || seen.has(s.ersReference)) return;
    if (seen.size > 1000) seen.clear();
    seen.add(s.ersReference);
    metrics.detected(Math.max(0, (now() - paidAt) / 1000));
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'close') return v;
      const operation = String(prop);
      return (...args: unknown[]) => {
        const out = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (!(out instanceof Promise)) return out;
        return out.then(
          (r) => {
            metrics.glaseCall(operation, resultOf(r));
            if (operation === 'getPaymentStatus') observePaid(r);
            return r;
          },
          (e: unknown) => {
            metrics.glaseCall(operation, String((e as { code?: unknown })?.code ?? 'error'));
            throw e;
          },
        );
      };
    },
  });
}
