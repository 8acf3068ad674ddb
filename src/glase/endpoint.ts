// Config → Glase client options, in one place for the daemon and the commands: which SOAP
// endpoint ("embedded" = the simulator on loopback at simulator.port) and the client settings.
import type { Config } from '../config.js';
import type { Logger } from '../lib/log.js';
import type { GlaseClientOptions } from './client.js';

/** The service's SOAP path; the simulator serves the same one. */
export const SOAP_PATH = '/soap/merchant/cashregister-2';

/** glase.url, or for "embedded" the simulator the daemon (or `glase-pos simulator`) runs. */
export function glaseEndpoint(config: Config): string {
  return config.glase.url === 'embedded' ? `http://127.0.0.1:${config.simulator.port}${SOAP_PATH}` : config.glase.url;
}

export function glaseClientOptions(config: Config, opts: { log: Logger; endpoint?: string; timeoutMs?: number }): GlaseClientOptions {
  return {
    endpoint: opts.endpoint ?? glaseEndpoint(config),
    timeoutMs: opts.timeoutMs ?? config.glase.timeoutMs,
    caFile: config.glase.caFile,
    clientId: config.glase.clientId,
    channel: config.glase.channel,
    log: opts.log,
  };
}
