// A till against the real simulator on loopback, as several test files run it: the simulator's
// control API (JSON, as it requires), a wait on a condition (never a fixed sleep), a payment the
// simulated customer pays, and closing it all down.
import { rmSync } from 'node:fs';
import type { GlaseClient } from '../../src/glase/client.js';
import type { Simulator } from '../../src/simulator/index.js';
import type { Store } from '../../src/store/store.js';
import type { PaymentView, Till } from '../../src/till/index.js';

/** A control API call; throws with the status and answer unless it succeeded. */
export async function simControl(sim: Pick<Simulator, 'url'>, method: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(sim.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** Resolves once `cond()` holds; throws after `ms`. */
export async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts a payment on the till and has the simulated customer pay it at `glaseId`; its final view. */
export async function payAtSimulator(till: Till, sim: Pick<Simulator, 'url'>, glaseId: string, amount: number, cashierId = 'anna'): Promise<PaymentView> {
  const s = till.startPayment({ amount, cashierId });
  if (!s.ok) throw new Error(s.message);
  await until(() => till.payment(s.paymentId)?.state === 'live.window');
  await simControl(sim, 'POST', '/simulator/customer/pay', { glaseId });
  return till.waitForPayment(s.paymentId);
}

/** Stops the till and closes its store, the client and the simulator; removes the data dir. */
export async function closeSimTill(o: { till?: Till; store?: Store; client?: Pick<GlaseClient, 'close'>; sim?: Pick<Simulator, 'close'>; dir?: string }): Promise<void> {
  await o.till?.stop();
  o.store?.close();
  await o.client?.close();
  await o.sim?.close();
  if (o.dir) rmSync(o.dir, { recursive: true, force: true });
}

/**
 * For a suite whose cases build on each other: `step(name, body)` runs `body` once. A case that
 * needs earlier steps calls them first, so it can also run alone (t.only).
 */
export function onceEach(): (name: string, body: () => Promise<void>) => Promise<void> {
  const ran = new Set<string>();
  return async (name, body) => {
    if (ran.has(name)) return;
    ran.add(name);
    await body();
  };
}
