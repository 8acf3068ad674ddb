// The embedded engine: PGlite (PostgreSQL compiled to WASM) with its data in a folder, or in
// memory when no folder is given. Single connection: PGlite queues queries and transactions.
import { PGlite } from '@electric-sql/pglite';
import { privateDir } from '../lib/private-files.js';
import { DATE, INT8, NUMERIC, TIMESTAMPTZ, int8, type Db, type QueryResult, type Queryable, type Row } from './db.js';

const parsers = { [INT8]: int8, [DATE]: (s: string) => s, [TIMESTAMPTZ]: (s: string) => s, [NUMERIC]: (s: string) => s };

export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) privateDir(dataDir);
  const pg = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await pg.waitReady;
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const r = await q.query<R>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
    },
  });
  const self = wrap(pg);
  return {
    engine: 'pglite',
    query: self.query,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql: string) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
