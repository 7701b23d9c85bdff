import type { DatasetManifest } from "@danio/dataset";
import { decodeMembership, type Membership, type NeuronRecord } from "@danio/sync";

export interface PublicUser {
  id: string;
  name: string;
  role: "admin" | "reviewer" | "annotator" | "viewer";
  colour: string;
}

export interface DatasetInfo {
  id: string;
  name: string;
  seq: number;
  supervoxelCount: number;
  segmentCount: number;
  manifest: DatasetManifest;
}

export interface PointJson {
  supervoxel: string;
  position?: [number, number, number];
  root?: string;
}

export interface OperationJson {
  seq: number;
  id: string;
  type: "merge" | "split" | "undo" | "redo";
  author: string;
  time: number;
  oldRoots: string[];
  newRoots: string[];
  target?: string;
}

export interface SplitPreviewJson {
  root: string;
  sources: string[];
  sinks: string[];
  cutEdges: [string, string][];
  cutWeight: number;
}

export interface SynapseJson {
  id: string;
  pre: { supervoxel: string; root: string; position: [number, number, number] };
  post: { supervoxel: string; root: string; position: [number, number, number] };
  score: number;
}

export interface SnapshotSummary {
  id: string;
  sequence: number;
  time: string;
  rowCounts: Record<string, number>;
}

/** A refusal or failure from the server, with its stable code and the message for people. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP API of the server (server/src/http), typed. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  get signedIn(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  getToken(): string | null {
    return this.token;
  }

  private async request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!res.ok) {
      let code = "http";
      let message = `${res.status} ${res.statusText}`;
      try {
        const j = (await res.json()) as { error?: { code?: string; message?: string } };
        code = j.error?.code ?? code;
        message = j.error?.message ?? message;
      } catch {
        // not JSON: keep the status line
      }
      throw new ApiError(res.status, code, message);
    }
    const type = res.headers.get("content-type") ?? "";
    return (type.includes("json") ? await res.json() : new Uint8Array(await res.arrayBuffer())) as T;
  }

  async login(name: string, password: string): Promise<{ token: string; user: PublicUser }> {
    const r = await this.request<{ token: string; user: PublicUser }>("/api/login", {
      body: { name, password },
    });
    this.token = r.token;
    return r;
  }

  async me(): Promise<PublicUser> {
    return (await this.request<{ user: PublicUser }>("/api/me")).user;
  }

  /** Names and colours of every user, by id (for history, records and cursors). */
  async directory(): Promise<Record<string, { name: string; colour: string }>> {
    const { users } = await this.request<{ users: { id: string; name: string; colour: string }[] }>(
      "/api/users/directory",
    );
    return Object.fromEntries(users.map((u) => [u.id, { name: u.name, colour: u.colour }]));
  }

  async datasets(): Promise<{ id: string; name: string }[]> {
    return (await this.request<{ datasets: { id: string; name: string }[] }>("/api/datasets")).datasets;
  }

  dataset(id: string): Promise<DatasetInfo> {
    return this.request<DatasetInfo>(`/api/datasets/${id}`);
  }

  async membership(id: string): Promise<Membership> {
    return decodeMembership(await this.request<Uint8Array>(`/api/datasets/${id}/membership`), "membership");
  }

  /** URL of a file of the dataset (its precomputed layers and mesh files). */
  fileUrl(id: string, path: string): string {
    return `${this.baseUrl}/datasets/${id}/files/${path}`;
  }

  async fetchBytes(url: string, range?: { offset: number; length: number }): Promise<Uint8Array> {
    const res = await fetch(
      url,
      range ? { headers: { range: `bytes=${range.offset}-${range.offset + range.length - 1}` } } : {},
    );
    if (!res.ok) throw new ApiError(res.status, "http", `${url}: ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async synapses(id: string, roots: readonly string[]): Promise<SynapseJson[]> {
    if (roots.length === 0) return [];
    return (
      await this.request<{ synapses: SynapseJson[] }>(
        `/api/datasets/${id}/synapses?roots=${roots.slice(0, 200).join(",")}`,
      )
    ).synapses;
  }

  async submit(id: string, body: unknown): Promise<OperationJson> {
    return (await this.request<{ operation: OperationJson }>(`/api/datasets/${id}/operations`, { body }))
      .operation;
  }

  splitPreview(id: string, body: { sources: PointJson[]; sinks: PointJson[] }): Promise<SplitPreviewJson> {
    return this.request<SplitPreviewJson>(`/api/datasets/${id}/split-preview`, { body });
  }

  async history(
    id: string,
    after = 0,
    limit = 100,
  ): Promise<{ operations: OperationJson[]; next: number | null }> {
    return this.request(`/api/datasets/${id}/operations?after=${after}&limit=${limit}`);
  }

  async snapshots(id: string): Promise<SnapshotSummary[]> {
    return (await this.request<{ snapshots: SnapshotSummary[] }>(`/api/datasets/${id}/snapshots`)).snapshots;
  }

  createSnapshot(id: string, neurons: "approved" | "all"): Promise<{ id: string; created: boolean }> {
    return this.request(`/api/datasets/${id}/snapshots`, { body: { neurons } });
  }

  /** A snapshot file's bytes (downloads need the session token, so they go through fetch). */
  snapshotFile(id: string, snapshot: string, path: string): Promise<Uint8Array> {
    return this.request<Uint8Array>(`/api/datasets/${id}/snapshots/${snapshot}/files/${path}`);
  }

  async neurons(id: string): Promise<(NeuronRecord & { id: string; root: string | null })[]> {
    return (
      await this.request<{ neurons: (NeuronRecord & { id: string; root: string | null })[] }>(
        `/api/datasets/${id}/neurons`,
      )
    ).neurons;
  }
}
