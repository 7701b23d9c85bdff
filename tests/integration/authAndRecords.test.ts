import { formatId } from "@danio/core";
import { CloseCode, readNeurons, setNeuronStatus, upsertNeuron } from "@danio/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { until } from "./until";
import { type LiveServer, mergeCandidate, startLiveServer } from "./liveServer";

let live: LiveServer;

beforeAll(async () => {
  live = await startLiveServer();
}, 60_000);
afterAll(() => live?.close());

describe("tokens on HTTP and WebSocket", () => {
  it("an expired or forged token is refused on both, before any document data is sent", async () => {
    const { server, datasetId } = live;
    const user = (await live.store.getUserByName("ana"))!;
    const expired = await server.tokens.issue({ userId: user.id, name: user.name, role: user.role }, -60);
    const me = await live.api("/api/me", { token: expired });
    expect(me.status).toBe(401);
    expect((await me.json()).error.message).toMatch(/expired/);
    for (const token of [expired, `${live.tokens.ana.slice(0, -4)}AAAA`]) {
      const ws = new WebSocket(
        `${server.url.replace("http", "ws")}/sync/dataset/${datasetId}?token=${token}`,
      );
      const messages: unknown[] = [];
      ws.on("message", (m) => messages.push(m));
      const closed = await new Promise<{ code: number; reason: string }>((ok) =>
        ws.on("close", (code, reason) => ok({ code, reason: reason.toString() })),
      );
      expect(closed.code).toBe(CloseCode.unauthorized);
      expect(messages).toEqual([]);
    }
  });
});

describe("neuron records follow their anchors through edits", () => {
  it("after a split the record stays with the piece holding its anchor, and the other piece gets a record flagged for review", async () => {
    const { tokens, datasetId } = live;
    const rita = live.connect(tokens.rita);
    await rita.whenSynced();
    const ritaUser = (await (await live.api("/api/me", { token: tokens.rita })).json()).user;
    const m = await live.membership(tokens.rita);
    const rootOf = (sv: bigint) => m.roots[Array.from(m.supervoxels).indexOf(sv)]!;
    const { a, b, posA, posB } = mergeCandidate(live.dataDir, rootOf);
    // Merge a and b's segments, approve the merged neuron (anchored at a), then split them again.
    const merged = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ana,
      body: {
        type: "merge",
        id: "rec-merge",
        points: [
          { supervoxel: formatId(a), position: posA },
          { supervoxel: formatId(b), position: posB },
        ],
      },
    });
    expect(merged.status).toBe(201);
    upsertNeuron(
      rita.doc,
      "neuron-a",
      { anchor: { supervoxel: formatId(a), position: posA }, cellType: "KC" },
      ritaUser,
    );
    setNeuronStatus(rita.doc, "neuron-a", "approved", ritaUser);
    const doc = await live.server.sync.getDoc(datasetId);
    await until(
      () => readNeurons(doc).get("neuron-a")?.status === "approved",
      "the approval to reach the server",
    );
    const split = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ben,
      body: {
        type: "split",
        id: "rec-split",
        sources: [{ supervoxel: formatId(a), position: posA }],
        sinks: [{ supervoxel: formatId(b), position: posB }],
      },
    });
    expect(split.status).toBe(201);
    await until(() => readNeurons(rita.doc).size === 2, "the new record to reach rita");
    const records = readNeurons(rita.doc);
    const kept = records.get("neuron-a")!;
    expect(kept.anchor.supervoxel).toBe(formatId(a));
    expect(kept.flaggedForReview).toBe(true); // its approved segment changed
    const [otherId, other] = [...records].find(([id]) => id !== "neuron-a")!;
    expect(otherId).toBe("n-rec-split-1");
    expect(other.flaggedForReview).toBe(true);
    expect(other.status).toBe("draft");
    // The new record is anchored on the other piece.
    const after = await live.membership(tokens.rita);
    const rootNow = (sv: string) => String(after.roots[Array.from(after.supervoxels, String).indexOf(sv)]);
    expect(rootNow(other.anchor.supervoxel)).toBe(rootNow(formatId(b)));
    expect(rootNow(other.anchor.supervoxel)).not.toBe(rootNow(formatId(a)));
  });
});
