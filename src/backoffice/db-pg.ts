// A real PostgreSQL server through `pg` (backoffice.databaseUrl = postgres://…): a pool, and a
// transaction holds one client from BEGIN to COMMIT/ROLLBACK.
import pg from 'pg';
import { DATE, INT8, NUMERIC, TIMESTAMPTZ, int8, type Db, type QueryResult, type Queryable, type Row } from './db.js';

const PARSERS: Record<number, (s: string) => unknown> = { [INT8]: int8, [DATE]: (s) => s, [TIMESTAMPTZ]: (s) => s, [NUMERIC]: (s) => s };
const types = {
  getTypeParser: ((oid: number, format?: string) => PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // a pooled client that loses its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  const wrap = (q: { query: pg.Pool['query'] }): Queryable => ({
    async query<R = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const r = await q.query(sql, params);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
  });
  // fail now, with the server's message, rather than at the first request
  await pool.query('SELECT 1');
  const self = wrap(pool);
  return {
    engine: 'postgres',
    query: self.query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client as unknown as { query: pg.Pool['query'] }));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
