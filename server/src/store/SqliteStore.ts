import Database from "better-sqlite3";
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
import { SQLITE_MIGRATIONS } from "./sqliteMigrations";

interface UserRow {
  id: string;
  name: string;
  role: Role;
  colour: string;
  password_hash: string;
  created_at: string;
}
interface DatasetRow {
  id: string;
  name: string;
  dir: string;
  created_at: string;
}
interface OpRow {
  dataset_id: string;
  seq: number;
  id: string;
  body: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  colour: r.colour,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
});
const toDataset = (r: DatasetRow): DatasetRecord => ({
  id: r.id,
  name: r.name,
  dir: r.dir,
  createdAt: r.created_at,
});
const toOp = (r: OpRow): OperationRecord => ({ datasetId: r.dataset_id, seq: r.seq, id: r.id, body: r.body });

/**
 * The embedded store: better-sqlite3 in WAL mode with synchronous=FULL, so that a committed operation is on
 * disk before it is acknowledged (it survives kill -9 and power loss of the process).
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
  }

  async migrate(): Promise<void> {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      (this.db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
          .run(m.version, new Date().toISOString());
      })();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  async initSetting(key: string, value: string): Promise<string> {
    this.db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)").run(key, value);
    return (await this.getSetting(key)) as string;
  }

  async createUser(user: Omit<UserRecord, "createdAt">): Promise<UserRecord> {
    const createdAt = new Date().toISOString();
    try {
      this.db
        .prepare(
          "INSERT INTO users (id, name, role, colour, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(user.id, user.name, user.role, user.colour, user.passwordHash, createdAt);
    } catch (err) {
      if (isConstraint(err)) throw new StoreConflictError(`user ${JSON.stringify(user.name)} already exists`);
      throw err;
    }
    return { ...user, createdAt };
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  async getUserByName(name: string): Promise<UserRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM users WHERE name = ?").get(name) as UserRow | undefined;
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (this.db.prepare("SELECT * FROM users ORDER BY name").all() as UserRow[]).map(toUser);
  }

  async setUserRole(id: string, role: Role): Promise<UserRecord> {
    const r = this.db.prepare("UPDATE users SET role = ? WHERE id = ?").run(role, id);
    if (r.changes === 0) throw new StoreNotFoundError(`user ${JSON.stringify(id)} does not exist`);
    return (await this.getUser(id)) as UserRecord;
  }

  async registerDataset(dataset: Omit<DatasetRecord, "createdAt">): Promise<DatasetRecord> {
    const createdAt = new Date().toISOString();
    try {
      this.db
        .prepare("INSERT INTO datasets (id, name, dir, created_at) VALUES (?, ?, ?, ?)")
        .run(dataset.id, dataset.name, dataset.dir, createdAt);
    } catch (err) {
      if (isConstraint(err))
        throw new StoreConflictError(`dataset ${JSON.stringify(dataset.id)} already exists`);
      throw err;
    }
    return { ...dataset, createdAt };
  }

  async getDataset(id: string): Promise<DatasetRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM datasets WHERE id = ?").get(id) as DatasetRow | undefined;
    return row && toDataset(row);
  }

  async listDatasets(): Promise<DatasetRecord[]> {
    return (this.db.prepare("SELECT * FROM datasets ORDER BY id").all() as DatasetRow[]).map(toDataset);
  }

  async appendOperation(op: OperationRecord): Promise<void> {
    const tx = this.db.transaction(() => {
      const dataset = this.db.prepare("SELECT 1 FROM datasets WHERE id = ?").get(op.datasetId);
      if (!dataset) throw new StoreNotFoundError(`dataset ${JSON.stringify(op.datasetId)} does not exist`);
      const last =
        (
          this.db.prepare("SELECT MAX(seq) AS s FROM operations WHERE dataset_id = ?").get(op.datasetId) as {
            s: number | null;
          }
        ).s ?? 0;
      if (op.seq !== last + 1) {
        throw new StoreConflictError(
          `operation ${op.id}: sequence number ${op.seq} is not next in dataset ${op.datasetId} (last is ${last})`,
        );
      }
      const dup = this.db
        .prepare("SELECT seq FROM operations WHERE dataset_id = ? AND id = ?")
        .get(op.datasetId, op.id) as { seq: number } | undefined;
      if (dup) throw new StoreConflictError(`operation id ${op.id} already exists (seq ${dup.seq})`);
      this.db
        .prepare("INSERT INTO operations (dataset_id, seq, id, body) VALUES (?, ?, ?, ?)")
        .run(op.datasetId, op.seq, op.id, op.body);
    });
    tx.immediate();
  }

  async listOperations(datasetId: string, afterSeq: number, limit: number): Promise<OperationRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM operations WHERE dataset_id = ? AND seq > ? ORDER BY seq LIMIT ?")
        .all(datasetId, afterSeq, limit) as OpRow[]
    ).map(toOp);
  }

  async getOperation(datasetId: string, id: string): Promise<OperationRecord | undefined> {
    const row = this.db
      .prepare("SELECT * FROM operations WHERE dataset_id = ? AND id = ?")
      .get(datasetId, id) as OpRow | undefined;
    return row && toOp(row);
  }

  async lastSeq(datasetId: string): Promise<number> {
    return (
      (
        this.db.prepare("SELECT MAX(seq) AS s FROM operations WHERE dataset_id = ?").get(datasetId) as {
          s: number | null;
        }
      ).s ?? 0
    );
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      const next =
        ((
          this.db.prepare("SELECT MAX(id) AS m FROM yjs_updates WHERE room = ?").get(room) as {
            m: number | null;
          }
        ).m ?? 0) + 1;
      this.db.prepare("INSERT INTO yjs_updates (room, id, data) VALUES (?, ?, ?)").run(room, next, update);
    })();
  }

  async loadUpdates(room: string): Promise<StoredUpdate[]> {
    return (
      this.db.prepare("SELECT id, data FROM yjs_updates WHERE room = ? ORDER BY id").all(room) as {
        id: number;
        data: Buffer;
      }[]
    ).map((r) => ({ id: r.id, update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) }));
  }

  async compactUpdates(room: string, snapshot: Uint8Array, upToId: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM yjs_updates WHERE room = ? AND id <= ?").run(room, upToId);
      // The snapshot takes the id of the last update it replaces, so later updates keep sorting after it.
      this.db
        .prepare("INSERT INTO yjs_updates (room, id, data) VALUES (?, ?, ?)")
        .run(room, upToId, snapshot);
    })();
  }
}

function isConstraint(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    String((err as { code?: unknown }).code).startsWith("SQLITE_CONSTRAINT")
  );
}
