// The facts of the admin "health ticket" (printed on the receipt printer and returned by
// POST /api/admin/health-ticket): what a technician on the phone asks a shop to read out.
// healthFacts gathers them once; healthLines says them in a language (the paper in the shop's,
// the API's JSON in English as it always was).
import { statfs } from 'node:fs/promises';
import { networkInterfaces, uptime as hostUptime } from 'node:os';
import type { ApiDevices } from '../api/deps.js';
import type { GlaseClient } from '../glase/client.js';
import type { Translator } from '../i18n/i18n.js';

export type HealthFact = [label: string, value: string];

export interface HealthData {
  version: string;
  node: string;
  tillUpS: number;
  boxUpS: number;
  /** "192.168.1.20 (eth0)" */
  addresses: string[];
  glase: { reachable: true; ms: number } | { reachable: false; code: string };
  printer: { kind: string; ready: boolean; reason?: string };
  scanner: { kind: string; connected: boolean };
  free: { freeMB: number; totalMB: number } | { code: string };
  lastZ?: { zNumber: number; closedAt: string; verdict: 'matched' | 'needs-attention' };
  /** UTC ISO */
  printedAt: string;
}

export function addresses(): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(`${a.address} (${name})`);
  return out;
}

export async function healthFacts(o: {
  version: string;
  glase: GlaseClient;
  devices: Pick<ApiDevices, 'printer' | 'scanner'>;
  dataDir: string;
  now?: () => number;
  lastZ?: () => HealthData['lastZ'];
}): Promise<HealthData> {
  const now = o.now ?? Date.now;
  const started = now();
  let glase: HealthData['glase'];
  try {
    await o.glase.benchmarkingNop();
    glase = { reachable: true, ms: now() - started }; // any answer, even a business error, means it is there
  } catch (e) {
    glase = { reachable: false, code: (e as { code?: string }).code ?? 'error' };
  }
  let free: HealthData['free'];
  try {
    const fs = await statfs(o.dataDir);
    free = { freeMB: Math.floor((fs.bavail * fs.bsize) / 1e6), totalMB: Math.floor((fs.blocks * fs.bsize) / 1e6) };
  } catch (e) {
    free = { code: String((e as NodeJS.ErrnoException).code) };
  }
  const p = o.devices.printer();
  const lastZ = o.lastZ?.();
  return {
    version: o.version,
    node: process.version,
    tillUpS: process.uptime(),
    boxUpS: hostUptime(),
    addresses: addresses(),
    glase,
    printer: { kind: p.kind, ready: p.ready, ...(p.reason ? { reason: p.reason } : {}) },
    scanner: o.devices.scanner(),
    free,
    ...(lastZ ? { lastZ } : {}),
    printedAt: new Date(now()).toISOString(),
  };
}

/** The ticket's label/value lines in the translator's language. */
export function healthLines(h: HealthData, tr: Translator): HealthFact[] {
  const { t } = tr;
  const duration = (s: number) => {
    const d = Math.floor(s / 86400);
    const hh = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    return d ? t('health.durationDays', { d, h: hh, m }) : t('health.duration', { h: hh, m });
  };
  const p = h.printer;
  const verdict = (v: 'matched' | 'needs-attention') => t(v === 'matched' ? 'dayclose.matched' : 'dayclose.needsAttention');
  return [
    [t('health.version'), `glase-pos ${h.version}, Node ${h.node}`],
    [t('health.tillUp'), duration(h.tillUpS)],
    [t('health.boxUp'), duration(h.boxUpS)],
    [t('health.ip'), h.addresses.join(', ') || t('health.noAddress')],
    [t('health.glase'), h.glase.reachable ? t('health.glaseReachable', { ms: h.glase.ms }) : t('health.glaseUnreachable', { code: h.glase.code })],
    [t('health.printer'), p.ready ? t('health.printerReady', { kind: p.kind }) : t('health.printerNotReady', { kind: p.kind, reason: p.reason ? tr.fromServer(p.reason) : t('health.unknown') })],
    [t('health.scanner'), t(h.scanner.connected ? 'health.scannerConnected' : 'health.scannerNotConnected', { kind: h.scanner.kind })],
    [t('health.free'), 'freeMB' in h.free ? t('health.freeOf', { free: h.free.freeMB, total: h.free.totalMB }) : t('health.freeUnknown', { code: h.free.code })],
    [t('health.lastZ'), h.lastZ ? t('health.z', { z: h.lastZ.zNumber, at: tr.dateTime(h.lastZ.closedAt, { seconds: false }), verdict: verdict(h.lastZ.verdict) }) : t('health.noZ')],
    [t('health.printed'), tr.dateTime(h.printedAt)],
  ];
}
