// Opens the back office's database: a PostgreSQL server when a databaseUrl is given, else
// PGlite with its data in `<dataDir>/pgdata`; runs the migrations; loads the sealing key.
import { join } from 'node:path';
import { privateDir } from '../lib/private-files.js';
import type { Db } from './db.js';
import { openPglite } from './db-pglite.js';
import { openPostgres } from './db-pg.js';
import { migrate } from './migrations.js';
import { loadKey, secretBox, type SecretBox } from './secret-box.js';

export interface StorageOptions {
  /** folder of the embedded PGlite database (and its key file when no other key is given) */
  dataDir?: string;
  /** postgres://… : a real server instead of PGlite */
  databaseUrl?: string;
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Backoffice {
  db: Db;
  box: SecretBox;
  close(): Promise<void>;
}

export async function openDatabase(o: StorageOptions): Promise<Db> {
  if (o.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(o.databaseUrl)) throw new Error('backoffice.databaseUrl: must start with postgres:// or postgresql://');
    return openPostgres(o.databaseUrl);
  }
  if (!o.dataDir) throw new Error('backoffice: give a data folder (--data DIR) or a database URL (--database-url URL)');
  privateDir(o.dataDir);
  return openPglite(join(o.dataDir, 'pgdata'));
}

export async function openBackoffice(o: StorageOptions): Promise<Backoffice> {
  // a new data folder is made first: the embedded key file is written there before the database
  if (!o.databaseUrl && o.dataDir) privateDir(o.dataDir);
  const box = secretBox(loadKey({ keyFile: o.keyFile, dataDir: o.databaseUrl ? undefined : o.dataDir, env: o.env }));
  const db = await openDatabase(o);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return { db, box, close: () => db.close() };
}
