import pg from "pg";
import {
  type DatasetRecord,
  type OperationRecord,
  type Role,
  type Store,
  type StoredUpdate,
  StoreConflictError,
  StoreNotFoundError,
  type UserRecord,
} from "./Store";

/** Ordered schema migrations of the PostgreSQL store. */
const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE users (
        id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'annotator', 'viewer')),
        colour TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE datasets (id TEXT PRIMARY KEY, name TEXT NOT NULL, dir TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE operations (
        dataset_id TEXT NOT NULL REFERENCES datasets(id), seq INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (dataset_id, seq), UNIQUE (dataset_id, id)
      );
      CREATE TABLE yjs_updates (room TEXT NOT NULL, id INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (room, id));
    `,
  },
];

interface UserRow {
  id: string;
  name: string;
  role: Role;
  colour: string;
  password_hash: string;
  created_at: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  colour: r.colour,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
});

/**
 * The store for teams that run several server instances against one PostgreSQL. Operations on one
 * dataset are serialized by locking the dataset's row for the duration of the appending transaction.
 * `schema` isolates a deployment (and each test) in its own PostgreSQL schema.
 */
export class PgStore implements Store {
  readonly pool: pg.Pool;

  constructor(
    connectionString: string,
    private readonly schema = "danio",
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
      throw new Error(`schema ${JSON.stringify(schema)}: expected a lowercase SQL identifier`);
    this.pool = new pg.Pool({ connectionString, max: 8, options: `-c search_path=${schema}` });
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async migrate(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    await this.tx(async (c) => {
      // One migrator at a time across instances.
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`danio-migrate-${this.schema}`]);
      await c.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
      );
      const applied = new Set(
        (await c.query("SELECT version FROM schema_migrations")).rows.map((r) => r.version as number),
      );
      for (const m of PG_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql);
        await c.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [
          m.version,
          new Date().toISOString(),
        ]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async getSetting(key: string): Promise<string | undefined> {
    return (await this.pool.query("SELECT value FROM settings WHERE key = $1", [key])).rows[0]?.value;
  }

  async initSetting(key: string, value: string): Promise<string> {
    await this.pool.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", [
      key,
      value,
    ]);
    return (await this.getSetting(key)) as string;
  }

  async createUser(user: Omit<UserRecord, "createdAt">): Promise<UserRecord> {
    const createdAt = new Date().toISOString();
    try {
      await this.pool.query(
        "INSERT INTO users (id, name, role, colour, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        [user.id, user.name, user.role, user.colour, user.passwordHash, createdAt],
      );
    } catch (err) {
      if (isUnique(err)) throw new StoreConflictError(`user ${JSON.stringify(user.name)} already exists`);
      throw err;
    }
    return { ...user, createdAt };
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = (await this.pool.query("SELECT * FROM users WHERE id = $1", [id])).rows[0] as
      | UserRow
      | undefined;
    return row && toUser(row);
  }

  async getUserByName(name: string): Promise<UserRecord | undefined> {
    const row = (await this.pool.query("SELECT * FROM users WHERE name = $1", [name])).rows[0] as
      | UserRow
      | undefined;
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return ((await this.pool.query("SELECT * FROM users ORDER BY name")).rows as UserRow[]).map(toUser);
  }

  async setUserRole(id: string, role: Role): Promise<UserRecord> {
    const r = await this.pool.query("UPDATE users SET role = $1 WHERE id = $2", [role, id]);
    if (r.rowCount === 0) throw new StoreNotFoundError(`user ${JSON.stringify(id)} does not exist`);
    return (await this.getUser(id)) as UserRecord;
  }

  async registerDataset(dataset: Omit<DatasetRecord, "createdAt">): Promise<DatasetRecord> {
    const createdAt = new Date().toISOString();
    try {
      await this.pool.query("INSERT INTO datasets (id, name, dir, created_at) VALUES ($1, $2, $3, $4)", [
        dataset.id,
        dataset.name,
        dataset.dir,
        createdAt,
      ]);
    } catch (err) {
      if (isUnique(err)) throw new StoreConflictError(`dataset ${JSON.stringify(dataset.id)} already exists`);
      throw err;
    }
    return { ...dataset, createdAt };
  }

  async getDataset(id: string): Promise<DatasetRecord | undefined> {
    const r = (await this.pool.query("SELECT * FROM datasets WHERE id = $1", [id])).rows[0];
    return r && { id: r.id, name: r.name, dir: r.dir, createdAt: r.created_at };
  }

  async listDatasets(): Promise<DatasetRecord[]> {
    return (await this.pool.query("SELECT * FROM datasets ORDER BY id")).rows.map((r) => ({
      id: r.id,
      name: r.name,
      dir: r.dir,
      createdAt: r.created_at,
    }));
  }

  async appendOperation(op: OperationRecord): Promise<void> {
    await this.tx(async (c) => {
      const ds = await c.query("SELECT id FROM datasets WHERE id = $1 FOR UPDATE", [op.datasetId]);
      if (ds.rowCount === 0)
        throw new StoreNotFoundError(`dataset ${JSON.stringify(op.datasetId)} does not exist`);
      const last = Number(
        (
          await c.query("SELECT COALESCE(MAX(seq), 0) AS s FROM operations WHERE dataset_id = $1", [
            op.datasetId,
          ])
        ).rows[0].s,
      );
      if (op.seq !== last + 1) {
        throw new StoreConflictError(
          `operation ${op.id}: sequence number ${op.seq} is not next in dataset ${op.datasetId} (last is ${last})`,
        );
      }
      const dup = (
        await c.query("SELECT seq FROM operations WHERE dataset_id = $1 AND id = $2", [op.datasetId, op.id])
      ).rows[0];
      if (dup) throw new StoreConflictError(`operation id ${op.id} already exists (seq ${dup.seq})`);
      await c.query("INSERT INTO operations (dataset_id, seq, id, body) VALUES ($1, $2, $3, $4)", [
        op.datasetId,
        op.seq,
        op.id,
        op.body,
      ]);
    });
  }

  async listOperations(datasetId: string, afterSeq: number, limit: number): Promise<OperationRecord[]> {
    const rows = (
      await this.pool.query(
        "SELECT * FROM operations WHERE dataset_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        [datasetId, afterSeq, limit],
      )
    ).rows;
    return rows.map((r) => ({ datasetId: r.dataset_id, seq: r.seq, id: r.id, body: r.body }));
  }

  async getOperation(datasetId: string, id: string): Promise<OperationRecord | undefined> {
    const r = (
      await this.pool.query("SELECT * FROM operations WHERE dataset_id = $1 AND id = $2", [datasetId, id])
    ).rows[0];
    return r && { datasetId: r.dataset_id, seq: r.seq, id: r.id, body: r.body };
  }

  async lastSeq(datasetId: string): Promise<number> {
    return Number(
      (
        await this.pool.query("SELECT COALESCE(MAX(seq), 0) AS s FROM operations WHERE dataset_id = $1", [
          datasetId,
        ])
      ).rows[0].s,
    );
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    await this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [room]);
      const next = Number(
        (await c.query("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM yjs_updates WHERE room = $1", [room]))
          .rows[0].n,
      );
      await c.query("INSERT INTO yjs_updates (room, id, data) VALUES ($1, $2, $3)", [
        room,
        next,
        Buffer.from(update),
      ]);
    });
  }

  async loadUpdates(room: string): Promise<StoredUpdate[]> {
    const rows = (
      await this.pool.query("SELECT id, data FROM yjs_updates WHERE room = $1 ORDER BY id", [room])
    ).rows;
    return rows.map((r) => ({ id: r.id as number, update: new Uint8Array(r.data as Buffer) }));
  }

  async compactUpdates(room: string, snapshot: Uint8Array, upToId: number): Promise<void> {
    await this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [room]);
      await c.query("DELETE FROM yjs_updates WHERE room = $1 AND id <= $2", [room, upToId]);
      await c.query("INSERT INTO yjs_updates (room, id, data) VALUES ($1, $2, $3)", [
        room,
        upToId,
        Buffer.from(snapshot),
      ]);
    });
  }
}

function isUnique(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23505";
}
