// The accountant's pages: exports (CSV, SIE 4) and reconciliation with Glase.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GlaseApi } from '../glase/types.js';
import type { Logger } from '../lib/log.js';
import type { Backoffice } from './open.js';
import type { Role, User } from './users.js';
import type { SieSettings } from './sie-settings.js';

export interface ExtraRouteDeps {
  bo: Backoffice;
  glase: GlaseApi;
  log: Logger;
  currency: string;
  today: () => string;
  sie: SieSettings;
}

export async function extraRoutes(_d: ExtraRouteDeps, _req: IncomingMessage, _res: ServerResponse, _url: URL, _user: User, _need: (u: User | undefined, r?: Role) => User): Promise<boolean> {
  return false;
}
