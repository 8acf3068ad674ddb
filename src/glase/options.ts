// The Glase client's settings, in one place for the daemon and the commands. The config's
// `glase` section fits GlaseSettings as it is; the endpoint comes from the caller (the daemon
// knows where its embedded simulator listens, the commands compute it from simulator.port).
import type { Logger } from '../lib/log.js';
import type { GlaseClientOptions } from './client.js';

export interface GlaseSettings {
  timeoutMs: number;
  caFile?: string;
  clientId: string;
  channel: string;
}

export function glaseClientOptions(settings: GlaseSettings, opts: { endpoint: string; log: Logger; timeoutMs?: number }): GlaseClientOptions {
  return {
    endpoint: opts.endpoint,
    timeoutMs: opts.timeoutMs ?? settings.timeoutMs,
    caFile: settings.caFile,
    clientId: settings.clientId,
    channel: settings.channel,
    log: opts.log,
  };
}
