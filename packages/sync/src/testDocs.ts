/**
 * Helpers for the package's tests: a "server" document and client copies of it, and the update a client
 * would send. Used only by *.test.ts files.
 */
import * as Y from "yjs";
import type { Writer } from "./checkRecordWrite";
import { type Anchor, datasetTypes, type NeuronRecord } from "./schema";

export const anchor: Anchor = { supervoxel: "42", position: [1, 2, 3] };

export const users = {
  admin: { id: "u-admin", name: "Ada", role: "admin" },
  reviewer: { id: "u-rev", name: "Rita", role: "reviewer" },
  annotator: { id: "u-ann", name: "Anna", role: "annotator" },
  annotator2: { id: "u-ann2", name: "Otto", role: "annotator" },
  viewer: { id: "u-view", name: "Vera", role: "viewer" },
} as const satisfies Record<string, Writer & { name: string }>;

export function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  datasetTypes(doc);
  return doc;
}

export function clientOf(server: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/** What `client` would send the server: everything the server does not have. */
export function updateFor(client: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

export function neuron(fields: Partial<NeuronRecord> = {}): NeuronRecord {
  return {
    status: "draft",
    cellType: "",
    notes: "",
    reviewer: null,
    anchor,
    updatedBy: users.annotator.id,
    updatedAt: 1,
    ...fields,
  };
}
