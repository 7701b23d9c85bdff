import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readNeuron } from "./neurons";
import { appendOps } from "./ops";
import { clientOf, neuron, serverDoc, updateFor, users } from "./testDocs";
import { UpdateGate } from "./UpdateGate";

describe("UpdateGate", () => {
  it("[V14] applies accepted updates to the document with the given origin", () => {
    const doc = serverDoc();
    const gate = new UpdateGate(doc, "@server");
    const origins: unknown[] = [];
    doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const client = clientOf(doc);
    client.getMap("neurons").set("n1", neuron());
    expect(gate.submit(updateFor(client, doc), users.annotator, "conn-1")).toEqual({ ok: true });
    expect(readNeuron(doc, "n1")).toEqual(neuron());
    expect(origins).toEqual(["conn-1"]);
    gate.destroy();
  });

  it("[V14] a refused update leaves the document unchanged, and the next good update is judged on clean state", () => {
    const doc = serverDoc();
    const gate = new UpdateGate(doc, "@server");
    const bad = clientOf(doc);
    bad.getMap("neurons").set("n1", neuron({ status: "approved" }));
    const before = Y.encodeStateAsUpdate(doc);
    const refused = updateFor(bad, doc);
    expect(gate.submit(refused, users.annotator, "bad")).toMatchObject({ ok: false });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    // Had the shadow kept the refused structs, the same bytes would now integrate nothing, look like no
    // change, and be let through to the document.
    expect(gate.submit(refused, users.annotator, "bad")).toMatchObject({ ok: false });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    const good = clientOf(doc);
    good.getMap("neurons").set("n1", neuron({ updatedBy: users.annotator2.id }));
    expect(gate.submit(updateFor(good, doc), users.annotator2, "good")).toEqual({ ok: true });
    expect(readNeuron(doc, "n1")?.status).toBe("draft");
    gate.destroy();
  });

  it("[V14] server writes are mirrored, so client updates built on them are not 'missing state'", () => {
    const doc = serverDoc();
    const gate = new UpdateGate(doc, "@server");
    appendOps(doc, [
      { seq: 1, id: "o", type: "merge", author: "u", time: 1, oldRoots: ["1"], newRoots: ["2"], members: [] },
    ]);
    doc.getMap("neurons").set("n1", neuron({ flaggedForReview: true, updatedBy: "@server" }));
    const client = clientOf(doc);
    client.getMap("neurons").set("n1", neuron({ updatedBy: users.reviewer.id }));
    expect(gate.submit(updateFor(client, doc), users.reviewer, "c")).toEqual({ ok: true });
    gate.destroy();
  });

  it("[V6] attributes client ids to their first writer and refuses the server's own client id", () => {
    const doc = serverDoc();
    const gate = new UpdateGate(doc, "@server");
    const a = clientOf(doc);
    a.getMap("annotations").set("a1", {
      kind: "point",
      author: users.annotator.id,
      anchor: neuron().anchor,
      text: "",
      createdAt: 1,
    });
    expect(gate.submit(updateFor(a, doc), users.annotator, "a")).toEqual({ ok: true });
    // Another user replaying a's client id (e.g. a copied document) is refused.
    const copy = clientOf(doc);
    copy.clientID = a.clientID;
    copy.getMap("neurons").set("n9", neuron({ updatedBy: users.annotator2.id }));
    expect(gate.submit(updateFor(copy, doc), users.annotator2, "b")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/writes for another user/),
    });
    const forger = clientOf(doc);
    forger.clientID = doc.clientID;
    forger.getMap("neurons").set("n8", neuron({ updatedBy: users.admin.id }));
    expect(gate.submit(updateFor(forger, doc), users.admin, "c")).toMatchObject({ ok: false });
    gate.destroy();
  });
});
