// glase.url = "embedded": the Glase simulator in the daemon, its state in <dataDir>/simulator.sqlite.
// A simulator already answering on simulator.port is used only when it proves to be this
// till's: GET /simulator/identity returns the id kept in this data dir's simulator.sqlite (a
// `glase-pos simulator --db <dataDir>/simulator.sqlite` started by hand). Anything else on the
// port (another project's simulator, any other program) stops the start with the setting to change.
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../lib/log.js';
import { SIMULATOR_SERVICE, SOAP_PATH, readSimulatorId, startSimulator } from '../simulator/index.js';
import { PortInUseError, portError } from './ports.js';

export interface EmbeddedSimulator {
  url: string;
  /** its SOAP endpoint (url + the contract's path) */
  soapUrl: string;
  /** only for the one this daemon started */
  close?: () => Promise<void>;
}

type Answer = { kind: 'nothing' } | { kind: 'other' } | { kind: 'simulator'; id: string };

/** Who answers on 127.0.0.1:port, by the simulator's identity route. */
async function whoAnswers(port: number): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${port}/simulator/identity`, { signal: AbortSignal.timeout(1500) });
  } catch {
    return { kind: 'nothing' }; // refused (or silent: then listening below names the port)
  }
  const body = (await res.json().catch(() => undefined)) as { service?: unknown; id?: unknown } | undefined;
  return res.ok && body?.service === SIMULATOR_SERVICE && typeof body.id === 'string' ? { kind: 'simulator', id: body.id } : { kind: 'other' };
}

export async function embeddedSimulator(config: Config, log: Logger): Promise<EmbeddedSimulator> {
  const port = config.simulator.port;
  const dbFile = join(config.dataDir, 'simulator.sqlite');
  if (port !== 0) {
    const there = await whoAnswers(port);
    if (there.kind === 'simulator' && there.id === readSimulatorId(dbFile)) {
      const url = `http://127.0.0.1:${port}`;
      log.info('using the simulator already running with this till\'s data', { url, db: dbFile });
      return { url, soapUrl: url + SOAP_PATH };
    }
    if (there.kind === 'simulator') throw new PortInUseError('simulator.port', port, `a Glase simulator answers there, but not the one with this till's data (${dbFile}); this till never uses another's simulator`);
    if (there.kind === 'other') throw new PortInUseError('simulator.port', port, 'another program answers there (not a Glase simulator)');
  }
  try {
    const sim = await startSimulator({
      port,
      dbFile,
      reversalMs: config.simulator.reversalMs,
      reportDelayMs: config.simulator.reportDelayMs,
      log: log.child({ component: 'simulator' }),
    });
    return { url: sim.url, soapUrl: sim.soapUrl, close: () => sim.close() };
  } catch (e) {
    throw portError(e, 'simulator.port', '127.0.0.1', port);
  }
}
