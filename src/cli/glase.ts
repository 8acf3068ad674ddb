// Where the commands find the Glase server, and how they say it is missing. "embedded" is the
// simulator that the daemon (or `glase-pos simulator`) runs on loopback at simulator.port.
import type { Config } from '../config.js';
import { SOAP_PATH } from '../simulator/index.js';

export function glaseEndpoint(config: Config): string {
  return config.glase.url === 'embedded' ? `http://127.0.0.1:${config.simulator.port}${SOAP_PATH}` : config.glase.url;
}

export function noServerMessage(config: Config): string {
  const url = glaseEndpoint(config);
  return config.glase.url === 'embedded'
    ? `no Glase server at ${url}: start \`glase-pos simulator\` or \`npm start\``
    : `no Glase server at ${url}: check the network and glase.url in the config`;
}
