import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  claimNeuron,
  readNeuron,
  readNeurons,
  releaseNeuron,
  setNeuronStatus,
  upsertNeuron,
} from "./neurons";
import { anchor, clientOf, serverDoc, users } from "./testDocs";
import { WriteRefusedError } from "./WriteRefusedError";

describe("neuron helpers", () => {
  it("[Y4] upsertNeuron creates a draft and stamps the writer", () => {
    const doc = serverDoc();
    const n = upsertNeuron(doc, "n1", { anchor, cellType: "Mi1" }, users.annotator, 77);
    expect(n).toEqual({
      status: "draft",
      cellType: "Mi1",
      notes: "",
      reviewer: null,
      anchor,
      updatedBy: users.annotator.id,
      updatedAt: 77,
    });
    expect(readNeuron(doc, "n1")).toEqual(n);
    upsertNeuron(doc, "n1", { notes: "axon cut at z=40" }, users.annotator2, 78);
    expect(readNeuron(doc, "n1")).toMatchObject({
      cellType: "Mi1",
      notes: "axon cut at z=40",
      updatedBy: "u-ann2",
    });
  });

  it("[V8] setNeuronStatus refuses locally, before writing, what the server would refuse", () => {
    const doc = serverDoc();
    upsertNeuron(doc, "n1", { anchor }, users.annotator);
    setNeuronStatus(doc, "n1", "complete", users.annotator);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => setNeuronStatus(doc, "n1", "approved", users.annotator)).toThrow(
      new WriteRefusedError(
        'neurons["n1"]: annotators may not set status "approved" (reviewers and admins only)',
      ),
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(setNeuronStatus(doc, "n1", "approved", users.reviewer)).toMatchObject({
      status: "approved",
      reviewer: users.reviewer.id,
    });
    expect(() => setNeuronStatus(doc, "missing", "draft", users.admin)).toThrow(/no such neuron record/);
    expect(() => upsertNeuron(doc, "n2", { notes: "x" }, users.admin)).toThrow(/needs an anchor/);
  });

  it("[V10] claim and release", () => {
    const doc = serverDoc();
    upsertNeuron(doc, "n1", { anchor }, users.annotator);
    expect(claimNeuron(doc, "n1", users.annotator).claimedBy).toBe(users.annotator.id);
    expect(() => claimNeuron(doc, "n1", users.annotator2)).toThrow(WriteRefusedError);
    expect(() => releaseNeuron(doc, "n1", users.annotator2)).toThrow(
      /only they, reviewers and admins release it/,
    );
    expect(releaseNeuron(doc, "n1", users.annotator)).not.toHaveProperty("claimedBy");
  });

  it("[Y4] readNeurons skips malformed values", () => {
    const doc = serverDoc();
    upsertNeuron(doc, "n1", { anchor }, users.annotator);
    doc.getMap("neurons").set("bad", { status: "??" });
    expect([...readNeurons(doc).keys()]).toEqual(["n1"]);
  });

  it("[Y5] concurrent edits of one record resolve to one writer's whole record, never a field mix", () => {
    const server = serverDoc();
    upsertNeuron(server, "n1", { anchor }, users.annotator, 1);
    const a = clientOf(server);
    const b = clientOf(server);
    const fromA = upsertNeuron(a, "n1", { notes: "from a" }, users.annotator, 2);
    const fromB = upsertNeuron(b, "n1", { cellType: "Tm3" }, users.annotator2, 3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readNeuron(a, "n1")).toEqual(readNeuron(b, "n1"));
    expect([fromA, fromB]).toContainEqual(readNeuron(a, "n1"));
  });
});
