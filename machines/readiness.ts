// Readiness: may a Glase payment start on this till right now, and if not, why (in words a
// cashier understands). Inputs arrive as events; the printer, server and storage states come
// from three provided callback actors (printerStatus, serverProbe, storageStatus) that send
// PRINTER / SERVER / STORAGE.
import { assign, fromCallback, setup } from 'xstate';

export interface ReadinessContext {
  registered: boolean;
  glaseIdAssigned: boolean;
  /** undefined until the first probe answered */
  serverReachable?: boolean;
  printerReady?: boolean;
  printerReason?: string;
  paymentInProgress: boolean;
  /** the data directory has no room left to record a payment */
  storageFull?: boolean;
  /** free space is below the warning threshold: payments still go, the fleet is told early */
  storageLow?: boolean;
  /** Glase answered 29 to this till's TERMINALID: it no longer knows the till */
  unknownAtGlase?: boolean;
}
export type ReadinessEvent =
  | { type: 'SETUP'; registered: boolean; glaseIdAssigned: boolean; unknownAtGlase?: boolean }
  | { type: 'SERVER'; reachable: boolean }
  | { type: 'PRINTER'; ready: boolean; reason?: string }
  | { type: 'PAYMENT'; inProgress: boolean }
  | { type: 'STORAGE'; full: boolean; low?: boolean };

export type ReadinessCode = 'not-registered' | 'no-glase-id' | 'unknown-at-glase' | 'server-unreachable' | 'server-unknown' | 'printer-not-ready' | 'payment-in-progress' | 'storage-full';
export interface Readiness {
  ready: boolean;
  reasons: Array<{ code: ReadinessCode; message: string }>;
  /** things to see to that do not stop a payment yet (free space running low) */
  warnings?: Array<{ code: 'storage-low'; message: string }>;
}

export function readinessOf(c: ReadinessContext): Readiness {
  const reasons: Readiness['reasons'] = [];
  if (!c.registered) reasons.push({ code: 'not-registered', message: 'this till is not registered with Glase' });
  else if (c.unknownAtGlase) reasons.push({ code: 'unknown-at-glase', message: 'Glase no longer knows this till; forget its registration and register it again (admin menu)' });
  else if (!c.glaseIdAssigned) reasons.push({ code: 'no-glase-id', message: 'no Glase ID is assigned to this till' });
  if (c.serverReachable === false) reasons.push({ code: 'server-unreachable', message: 'Glase cannot be reached (offline)' });
  if (c.serverReachable === undefined) reasons.push({ code: 'server-unknown', message: 'checking the connection to Glase' });
  if (c.printerReady === false) reasons.push({ code: 'printer-not-ready', message: `the receipt printer is not ready${c.printerReason ? `: ${c.printerReason}` : ''}` });
  if (c.storageFull) reasons.push({ code: 'storage-full', message: 'the till\'s storage is full' });
  if (c.paymentInProgress) reasons.push({ code: 'payment-in-progress', message: 'a Glase payment is in progress' });
  const warnings = c.storageLow && !c.storageFull ? [{ code: 'storage-low' as const, message: 'the till\'s storage is running low' }] : undefined;
  return { ready: reasons.length === 0, reasons, ...(warnings ? { warnings } : {}) };
}

const idle = fromCallback<ReadinessEvent>(() => () => {});

export const readinessMachine = setup({
  types: {} as { context: ReadinessContext; events: ReadinessEvent; input: Partial<ReadinessContext> },
  actors: { printerStatus: idle, serverProbe: idle, storageStatus: idle },
}).createMachine({
  id: 'readiness',
  context: ({ input }) => ({ registered: false, glaseIdAssigned: false, paymentInProgress: false, ...input }),
  invoke: [
    { id: 'printerStatus', src: 'printerStatus' },
    { id: 'serverProbe', src: 'serverProbe' },
    { id: 'storageStatus', src: 'storageStatus' },
  ],
  on: {
    SETUP: { target: '.check', actions: assign(({ event }) => ({ registered: event.registered, glaseIdAssigned: event.glaseIdAssigned, unknownAtGlase: event.unknownAtGlase === true })) },
    SERVER: { target: '.check', actions: assign(({ event }) => ({ serverReachable: event.reachable })) },
    PRINTER: { target: '.check', actions: assign(({ event }) => ({ printerReady: event.ready, printerReason: event.ready ? undefined : event.reason })) },
    PAYMENT: { target: '.check', actions: assign(({ event }) => ({ paymentInProgress: event.inProgress })) },
    STORAGE: { target: '.check', actions: assign(({ event, context }) => ({ storageFull: event.full, storageLow: event.low ?? context.storageLow })) },
  },
  initial: 'check',
  states: {
    check: { always: [{ guard: ({ context }) => readinessOf(context).ready, target: 'ready' }, { target: 'outOfService' }] },
    ready: {},
    outOfService: {},
  },
});
