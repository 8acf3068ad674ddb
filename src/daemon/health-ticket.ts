// The facts of the admin "health ticket" (printed on the receipt printer and returned by
// POST /api/admin/health-ticket): what a technician on the phone asks a shop to read out.
import { statfs } from 'node:fs/promises';
import { networkInterfaces, uptime as hostUptime } from 'node:os';
import type { ApiDevices } from '../api/deps.js';
import type { GlaseClient } from '../glase/client.js';

export type HealthFact = [label: string, value: string];

const duration = (s: number) => {
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${d ? `${d}d ` : ''}${h}h ${m}m`;
};

export function addresses(): string {
  const out: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(`${a.address} (${name})`);
  return out.join(', ') || 'no network address';
}

export async function healthFacts(o: { version: string; glase: GlaseClient; devices: Pick<ApiDevices, 'printer' | 'scanner'>; dataDir: string; now?: () => number; lastZ?: () => string | undefined }): Promise<HealthFact[]> {
  const now = o.now ?? Date.now;
  const started = now();
  let glase: string;
  try {
    await o.glase.benchmarkingNop();
    glase = `reachable (${now() - started} ms)`; // any answer, even a business error, means it is there
  } catch (e) {
    glase = `NOT reachable (${(e as { code?: string }).code ?? 'error'})`;
  }
  const p = o.devices.printer();
  const s = o.devices.scanner();
  let free: string;
  try {
    const fs = await statfs(o.dataDir);
    free = `${Math.floor((fs.bavail * fs.bsize) / 1e6)} MB of ${Math.floor((fs.blocks * fs.bsize) / 1e6)} MB`;
  } catch (e) {
    free = `unknown (${(e as NodeJS.ErrnoException).code})`;
  }
  return [
    ['Version', `glase-pos ${o.version}, Node ${process.version}`],
    ['Till up', duration(process.uptime())],
    ['Box up', duration(hostUptime())],
    ['IP', addresses()],
    ['Glase', glase],
    ['Printer', `${p.kind}: ${p.ready ? 'ready' : `NOT ready (${p.reason ?? 'unknown'})`}`],
    ['Scanner', `${s.kind}: ${s.connected ? 'connected' : 'not connected'}`],
    ['Free space', free],
    ['Last Z', o.lastZ?.() ?? 'none yet (no day close)'],
    ['Printed', new Date(now()).toISOString().slice(0, 19).replace('T', ' ')],
  ];
}
