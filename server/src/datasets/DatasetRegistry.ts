import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { type LoadedDataset, loadDataset, MANIFEST_FILE } from "@danio/dataset";
import { HttpError } from "../http/HttpError";
import type { DatasetRecord, Store } from "../store/Store";
import { DatasetSession, type SessionSync } from "./DatasetSession";

/** A dataset id from a directory name: lowercase letters, digits, '-' and '_'. */
export function datasetIdFromDir(dir: string): string {
  const id = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+/, "")
    .slice(0, 64);
  if (!id) throw new Error(`${dir}: cannot make a dataset id from this directory name`);
  return id;
}

/** The dataset directories under `dataDir`: itself if it holds a danio.json, else its sub-directories that do. */
export function findDatasetDirs(dataDir: string): string[] {
  const root = resolve(dataDir);
  if (!existsSync(root)) throw new Error(`--data ${dataDir}: no such directory`);
  if (existsSync(join(root, MANIFEST_FILE))) return [root];
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((p) => statSync(p).isDirectory() && existsSync(join(p, MANIFEST_FILE)))
    .sort();
}

/** Registers datasets in the store and opens their sessions on first use. */
export class DatasetRegistry {
  private readonly sessions = new Map<string, Promise<DatasetSession>>();
  /** Datasets loaded (and so validated) at registration, kept for their first session instead of loading twice. */
  private readonly registered = new Map<string, LoadedDataset>();

  constructor(
    private readonly store: Store,
    private readonly sync: SessionSync,
  ) {}

  /** Registers every dataset found under `dataDir` that the store does not know yet; returns their records. */
  async registerDir(dataDir: string): Promise<DatasetRecord[]> {
    const out: DatasetRecord[] = [];
    for (const dir of findDatasetDirs(dataDir)) {
      const id = datasetIdFromDir(dir);
      const known = await this.store.getDataset(id);
      if (known) {
        out.push(known);
        continue;
      }
      const loaded = loadDataset(dir);
      out.push(await this.store.registerDataset({ id, name: loaded.manifest.name, dir }));
      this.registered.set(id, loaded);
    }
    return out;
  }

  async record(id: string): Promise<DatasetRecord> {
    const rec = await this.store.getDataset(id);
    if (!rec) throw new HttpError(404, "dataset.unknown", `dataset ${JSON.stringify(id)} does not exist`);
    return rec;
  }

  list(): Promise<DatasetRecord[]> {
    return this.store.listDatasets();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.store.getDataset(id)) !== undefined;
  }

  session(id: string): Promise<DatasetSession> {
    let s = this.sessions.get(id);
    if (!s) {
      s = this.record(id).then((rec) => {
        const loaded = this.registered.get(id) ?? loadDataset(rec.dir);
        this.registered.delete(id);
        return DatasetSession.open(id, loaded, this.store, this.sync);
      });
      s.catch(() => this.sessions.delete(id));
      this.sessions.set(id, s);
    }
    return s;
  }
}
