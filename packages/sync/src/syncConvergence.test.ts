/**
 * Seeded convergence test on a deterministic in-memory network (STYLE 14): N clients with different roles
 * edit at random — some edits forbidden on purpose — while messages are delivered in random order (FIFO
 * per channel) through an UpdateGate acting as the server. A refused client discards its document and
 * resyncs, as connectDataset does. At the end every client must equal the server. A failure names its seed.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { upsertAnnotation } from "./annotations";
import type { Writer } from "./checkRecordWrite";
import { claimNeuron, readNeuron, setNeuronStatus, upsertNeuron } from "./neurons";
import { datasetTypes, NEURON_STATUSES } from "./schema";
import { anchor, serverDoc, users } from "./testDocs";
import { UpdateGate } from "./UpdateGate";
import { WriteRefusedError } from "./WriteRefusedError";

const REMOTE = Symbol("remote");

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Client {
  user: Writer;
  doc: Y.Doc;
  toServer: Uint8Array[];
  fromServer: Uint8Array[];
}

function run(seed: number, steps: number) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let nextClientId = seed * 1000 + 1;
  const server = serverDoc();
  server.clientID = nextClientId++;
  const gate = new UpdateGate(server, "@server");
  const roster: Writer[] = [users.annotator, users.annotator2, users.reviewer, users.admin, users.viewer];
  const clients: Client[] = roster.map((user) => ({ user, doc: new Y.Doc(), toServer: [], fromServer: [] }));
  let refusals = 0;

  const attach = (c: Client) => {
    c.doc = new Y.Doc();
    c.doc.clientID = nextClientId++;
    datasetTypes(c.doc);
    Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(server), REMOTE);
    c.doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) c.toServer.push(u);
    });
  };
  clients.forEach(attach);
  server.on("update", (u: Uint8Array, origin: unknown) => {
    for (const c of clients) if (c !== origin) c.fromServer.push(u);
  });

  let now = 0;
  const edit = (c: Client) => {
    now += 1;
    const id = `n${Math.floor(rand() * 4)}`;
    const roll = rand();
    try {
      if (roll < 0.08) {
        // forbidden on purpose, past the helpers: approve as whoever this is
        const n = readNeuron(c.doc, id);
        if (n)
          datasetTypes(c.doc).neurons.set(id, {
            ...n,
            status: "approved",
            reviewer: c.user.id,
            updatedBy: c.user.id,
          });
      } else if (roll < 0.4)
        upsertNeuron(c.doc, id, { anchor, notes: `note ${Math.floor(rand() * 100)}` }, c.user, now);
      else if (roll < 0.7) setNeuronStatus(c.doc, id, pick(NEURON_STATUSES), c.user, now);
      else if (roll < 0.8) claimNeuron(c.doc, id, c.user, now);
      else
        upsertAnnotation(
          c.doc,
          `a${Math.floor(rand() * 6)}`,
          { kind: "note", anchor, text: String(rand()) },
          c.user,
          now,
        );
    } catch (e) {
      if (!(e instanceof WriteRefusedError)) throw e;
    }
  };

  const deliverToServer = (c: Client) => {
    const u = c.toServer.shift();
    if (u === undefined) return;
    const verdict = gate.submit(u, c.user, c);
    if (!verdict.ok) {
      refusals += 1;
      c.toServer = [];
      c.fromServer = [];
      c.doc.destroy();
      attach(c);
    }
  };

  const deliverToClient = (c: Client) => {
    const u = c.fromServer.shift();
    if (u !== undefined) Y.applyUpdate(c.doc, u, REMOTE);
  };

  for (let step = 0; step < steps; step++) {
    const c = pick(clients);
    const r = rand();
    if (r < 0.35) edit(c);
    else if (r < 0.7) deliverToServer(c);
    else deliverToClient(c);
  }
  while (clients.some((c) => c.toServer.length > 0 || c.fromServer.length > 0)) {
    for (const c of clients) {
      deliverToServer(c);
      deliverToClient(c);
    }
  }
  return { server, clients, refusals };
}

describe("convergence through the gate", () => {
  it("[V14][C3] clients with random edits, random delivery and refusals end equal to the server (seeded)", () => {
    let totalRefusals = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { server, clients, refusals } = run(seed, 400);
      totalRefusals += refusals;
      for (const c of clients)
        expect(c.doc.toJSON(), `seed ${seed}, client ${c.user.id}`).toEqual(server.toJSON());
      for (const [id, value] of datasetTypes(server).neurons.entries()) {
        if (value.status === "approved" || value.status === "rejected") {
          expect(["u-rev", "u-admin"], `seed ${seed}, neuron ${id}`).toContain(value.reviewer);
        }
      }
    }
    expect(totalRefusals).toBeGreaterThan(0);
  });
});
