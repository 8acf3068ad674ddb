// One port over both engines (issue 14): PGlite in process (the default, data in a folder) and
// a real PostgreSQL server through `pg`. The same SQL and migrations run on both; rows come
// back with bigint as number, date and timestamptz as text (never a JS Date in local time).
export interface Row {
  [column: string]: unknown;
}

export interface QueryResult<R = Row> {
  rows: R[];
  /** rows inserted, updated or deleted by the statement */
  rowCount: number;
}

export interface Queryable {
  query<R = Row>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** runs fn in one transaction: COMMIT when it resolves, ROLLBACK when it throws */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** several statements, no parameters (migrations) */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** OIDs parsed the same on both engines */
export const INT8 = 20;
export const DATE = 1082;
export const TIMESTAMPTZ = 1184;
export const NUMERIC = 1700;

export function int8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is beyond the safe integer range`);
  return n;
}
