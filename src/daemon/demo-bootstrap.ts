// The demo out of the box (`npm start`, GLASE_POS_DEMO=1): a reseller in the embedded
// simulator, this till registered with it (the reseller password is used once, never stored),
// a demo Glase ID assigned, and the demo admin PIN 1234 when none is set. A second start finds
// the registration in the store and only re-checks the reseller.
import type { Logger } from '../lib/log.js';
import type { Store } from '../store/store.js';
import type { Till } from '../till/index.js';
import { setAdminPin } from '../api/pin.js';

export const DEMO = { resellerId: 'demo-reseller', userId: 'demo-user', password: 'demo-password', glaseId: 'GLASEDEMO1', pin: '1234' } as const;

/** The demo reseller in the simulator's control API (idempotent). */
export async function ensureDemoReseller(simulatorUrl: string): Promise<void> {
  const res = await fetch(`${simulatorUrl}/simulator/resellers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resellerId: DEMO.resellerId, userId: DEMO.userId, password: DEMO.password, name: 'Glase demo shop' }),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`the simulator refused the demo reseller: HTTP ${res.status} ${await res.text()}`);
}

export interface DemoResult {
  glaseId: string;
  resellerId: string;
  userId: string;
  /** set only when this start set the demo PIN */
  adminPin?: string;
  registeredNow: boolean;
}

export async function demoBootstrap(o: { till: Till; store: Store; log: Logger; simulatorUrl?: string; say?: (line: string) => void }): Promise<DemoResult> {
  const say = o.say ?? ((l: string) => o.log.info(l));
  if (o.simulatorUrl) await ensureDemoReseller(o.simulatorUrl);
  let registeredNow = false;
  if (!o.till.setup().terminalId) {
    const r = await o.till.register({ resellerId: DEMO.resellerId, userId: DEMO.userId, password: DEMO.password }, 'demo');
    if (!r.ok) throw new Error(`demo: registering the till failed: ${r.message}`);
    registeredNow = true;
    say(`demo: till registered with the simulator (terminal ${r.terminalId})`);
  }
  if (!o.till.setup().glaseId) {
    const r = await o.till.assignGlaseId(DEMO.glaseId, 'demo');
    if (!r.ok) throw new Error(`demo: assigning Glase ID ${DEMO.glaseId} failed: ${r.message}`);
    say(`demo: Glase ID ${DEMO.glaseId} assigned to this till`);
  }
  let adminPin: string | undefined;
  if (setAdminPin(o.store, DEMO.pin, 'demo', { ifAbsent: true, detail: 'demo PIN' })) {
    adminPin = DEMO.pin;
    say(`demo: the admin PIN is ${DEMO.pin}; change it with glase-pos set-pin`);
  }
  return { glaseId: o.till.setup().glaseId ?? DEMO.glaseId, resellerId: DEMO.resellerId, userId: DEMO.userId, ...(adminPin ? { adminPin } : {}), registeredNow };
}
