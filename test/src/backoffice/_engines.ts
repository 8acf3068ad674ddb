// Runs a back office test on both engines with the same SQL and migrations: PGlite in memory,
// and a throwaway PostgreSQL cluster (test/fakes/pg-cluster.ts), one fresh database per call.
import type { Db } from '../../../src/backoffice/db.js';
import { openPglite } from '../../../src/backoffice/db-pglite.js';
import { openPostgres } from '../../../src/backoffice/db-pg.js';
import { migrate } from '../../../src/backoffice/migrations.js';
import { startPgCluster, type PgCluster } from '../../fakes/pg-cluster.js';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

let cluster: PgCluster | undefined;
let n = 0;

export async function cluster1(): Promise<PgCluster> {
  cluster ??= await startPgCluster();
  return cluster;
}

let pglite: Db | undefined;

/**
 * A migrated, empty database on `engine`. PGlite takes seconds to start, so one instance per
 * test file is emptied (schema dropped) for each caller; its close() only empties.
 */
export async function freshDb(engine: Engine): Promise<Db> {
  if (engine === 'postgres') {
    const db = await openPostgres(await (await cluster1()).createDatabase(`t${process.pid}_${++n}`));
    await migrate(db);
    return db;
  }
  pglite ??= await openPglite();
  await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(pglite);
  return { ...pglite, close: async () => {} };
}

/** uvu has no assert.rejects */
export async function rejects(fn: () => Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!re.test(String((e as Error).message))) throw new Error(`rejected with ${(e as Error).message}, expected ${re}`);
    return;
  }
  throw new Error(`did not reject (expected ${re})`);
}

export async function freshUrl(): Promise<string> {
  return (await cluster1()).createDatabase(`t${process.pid}_${++n}`);
}

export async function stopCluster(): Promise<void> {
  await pglite?.close();
  pglite = undefined;
  cluster?.stop();
  cluster = undefined;
}
