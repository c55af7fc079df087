import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';

export type Db = Database.Database;

/**
 * Opens (or creates) the sandbox's single SQLite file in WAL mode and applies the schema.
 * @throws Error when the file was written by an incompatible schema version.
 */
export function openDatabase(dataFile: string, fresh = false): Db {
  if (dataFile !== ':memory:') {
    if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(dataFile + suffix, { force: true });
    if (!existsSync(dirname(dataFile))) mkdirSync(dirname(dataFile), { recursive: true });
  }
  const db = new Database(dataFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  db.exec(SCHEMA_SQL);
  const version = getMeta(db, 'schema_version');
  if (version === undefined) setMeta(db, 'schema_version', String(SCHEMA_VERSION));
  else if (Number(version) !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`Sandbox data file ${dataFile} has schema ${version}, expected ${SCHEMA_VERSION}: start with --fresh`);
  }
  return db;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
