/** Ordered schema migrations of the SQLite store; applied once each, recorded in schema_migrations. */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'annotator', 'viewer')),
        colour TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE datasets (id TEXT PRIMARY KEY, name TEXT NOT NULL, dir TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE operations (
        dataset_id TEXT NOT NULL REFERENCES datasets(id),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (dataset_id, seq),
        UNIQUE (dataset_id, id)
      );
      CREATE TABLE yjs_updates (
        room TEXT NOT NULL,
        id INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (room, id)
      );
    `,
  },
];
