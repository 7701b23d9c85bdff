import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Writer } from "./checkRecordWrite";
import type { NeuronRecord } from "./schema";
import { anchor, clientOf, neuron, serverDoc, updateFor, users } from "./testDocs";
import { validateUpdate } from "./validateUpdate";

/** Validates what a client of `server` sends after `edit`, and checks the server document did not change. */
function trial(server: Y.Doc, user: Writer, edit: (doc: Y.Doc) => void) {
  const before = Y.encodeStateAsUpdate(server);
  const client = clientOf(server);
  edit(client);
  const verdict = validateUpdate(server, updateFor(client, server), user);
  expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  return verdict;
}

const setNeuron = (id: string, record: unknown) => (doc: Y.Doc) => doc.getMap("neurons").set(id, record);

function withNeuron(record: NeuronRecord, id = "n1"): Y.Doc {
  const server = serverDoc();
  server.getMap("neurons").set(id, record);
  return server;
}

describe("validateUpdate", () => {
  it("[V1] viewers write nothing", () => {
    const server = serverDoc();
    const v = trial(server, users.viewer, setNeuron("n1", neuron({ updatedBy: users.viewer.id })));
    expect(v).toEqual({ ok: false, reason: "viewers write nothing", malformed: false });
  });

  it("[V1] a viewer's empty sync step 2 and a re-sent known update are accepted", () => {
    const server = withNeuron(neuron());
    expect(validateUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()), users.viewer)).toEqual({ ok: true });
    expect(validateUpdate(server, Y.encodeStateAsUpdate(server), users.viewer)).toEqual({ ok: true });
  });

  it("[V2] ops is written by the server only, even for admins, and not deleted by clients", () => {
    const server = serverDoc();
    const summary = {
      seq: 1,
      id: "o",
      type: "merge",
      author: "u",
      time: 1,
      oldRoots: [],
      newRoots: [],
      members: [],
    };
    expect(trial(server, users.admin, (d) => d.getArray("ops").push([summary]))).toMatchObject({
      ok: false,
      reason: "ops is written by the server only",
    });
    server.getArray("ops").push([summary]);
    expect(trial(server, users.admin, (d) => d.getArray("ops").delete(0, 1))).toMatchObject({ ok: false });
  });

  it("[V3] an unknown top-level type is refused", () => {
    expect(trial(serverDoc(), users.admin, (d) => d.getText("notes").insert(0, "x"))).toMatchObject({
      ok: false,
      reason: 'unknown top-level type "notes"',
    });
  });

  it("[V4] values are JSON records: nested shared types, binary values and list content are refused", () => {
    const server = serverDoc();
    expect(trial(server, users.admin, (d) => d.getMap("neurons").set("n1", new Y.Map()))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/neurons\["n1"\]: expected a JSON object/),
    });
    expect(trial(server, users.admin, (d) => d.getMap("neurons").set("n1", new Uint8Array(3)))).toMatchObject(
      {
        ok: false,
      },
    );
    expect(trial(server, users.admin, (d) => d.getArray("annotations").push([1]))).toMatchObject({
      ok: false,
      reason: "annotations is a map keyed by id; list content is not allowed",
    });
    expect(
      trial(server, users.admin, setNeuron("x".repeat(129), neuron({ updatedBy: users.admin.id }))),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/is not a valid id/),
    });
  });

  it("[V4] an edit inside a nested type that reached the document is refused", () => {
    const server = serverDoc();
    const nested = new Y.Map<number>();
    server.getMap("annotations").set("a1", nested);
    expect(
      trial(server, users.admin, (d) => (d.getMap("annotations").get("a1") as Y.Map<number>).set("k", 1)),
    ).toMatchObject({
      ok: false,
      reason: "nested shared types are not part of the schema; values are JSON records",
    });
  });

  it("[V4] unknown fields and prototype tricks in a record are refused", () => {
    const server = serverDoc();
    const admin = users.admin.id;
    expect(
      trial(server, users.admin, setNeuron("n1", { ...neuron({ updatedBy: admin }), extra: 1 })),
    ).toMatchObject({
      ok: false,
      reason: 'neurons["n1"]: unknown field "extra"',
    });
    const proto = JSON.parse(`{"__proto__": {"status": "approved"}}`) as object;
    expect(trial(server, users.admin, setNeuron("n1", proto))).toMatchObject({ ok: false });
  });

  it("[V5] a malformed update is refused as malformed", () => {
    expect(validateUpdate(serverDoc(), Uint8Array.of(3, 200, 7, 7, 1, 9), users.admin)).toMatchObject({
      ok: false,
      malformed: true,
      reason: expect.stringMatching(/^malformed update: /),
    });
  });

  it("[V5] an update that depends on state the server lacks is refused", () => {
    const server = serverDoc();
    const a = clientOf(server);
    a.getMap("neurons").set("n1", neuron());
    const b = clientOf(a);
    let onlyB: Uint8Array | undefined;
    b.on("update", (u: Uint8Array) => {
      onlyB = u;
    });
    b.getMap("neurons").set("n1", neuron({ notes: "b" }));
    expect(validateUpdate(server, onlyB!, users.annotator)).toMatchObject({
      ok: false,
      reason: "update depends on document state the server does not have (sync first)",
    });
  });

  it("[V6] writing under a Yjs client id attributed to another user is refused", () => {
    const server = serverDoc();
    const client = clientOf(server);
    client.getMap("neurons").set("n1", neuron());
    const update = updateFor(client, server);
    const owners = new Map<number, string>([[client.clientID, users.annotator2.id]]);
    expect(validateUpdate(server, update, users.annotator, { clientOwners: owners })).toMatchObject({
      ok: false,
      reason: `Yjs client ${client.clientID} writes for another user; use your own client id`,
    });
    owners.set(client.clientID, users.annotator.id);
    expect(validateUpdate(server, update, users.annotator, { clientOwners: owners })).toEqual({ ok: true });
  });

  it("[V7] updatedBy and author must be the writer", () => {
    const server = serverDoc();
    expect(
      trial(server, users.annotator, setNeuron("n1", neuron({ updatedBy: users.reviewer.id }))),
    ).toMatchObject({
      ok: false,
      reason: 'neurons["n1"].updatedBy: must be the writer "u-ann", got "u-rev"',
    });
    const note = { kind: "note", author: users.reviewer.id, anchor, text: "x", createdAt: 1 };
    expect(trial(server, users.annotator, (d) => d.getMap("annotations").set("a1", note))).toMatchObject({
      ok: false,
      reason: 'annotations["a1"].author: must be the writer "u-ann", got "u-rev"',
    });
    expect(trial(server, users.annotator, setNeuron("n1", neuron()))).toEqual({ ok: true });
  });

  it("[V8] only reviewers and admins approve or reject", () => {
    const server = withNeuron(neuron({ status: "complete" }));
    const approve = (u: Writer) =>
      setNeuron("n1", neuron({ status: "approved", updatedBy: u.id, reviewer: null }));
    expect(trial(server, users.annotator, approve(users.annotator))).toMatchObject({
      ok: false,
      reason: 'neurons["n1"]: annotators may not set status "approved" (reviewers and admins only)',
    });
    expect(trial(server, users.annotator, setNeuron("n2", neuron({ status: "rejected" })))).toMatchObject({
      ok: false,
    });
    expect(trial(server, users.reviewer, approve(users.reviewer))).toEqual({ ok: true });
    expect(trial(server, users.admin, approve(users.admin))).toEqual({ ok: true });
    expect(
      trial(server, users.annotator, setNeuron("n1", neuron({ status: "complete", notes: "more" }))),
    ).toEqual({
      ok: true,
    });
  });

  it("[V8] only reviewers and admins change the status of an approved or rejected neuron", () => {
    for (const status of ["approved", "rejected"] as const) {
      const server = withNeuron(
        neuron({ status, reviewer: users.reviewer.id, updatedBy: users.reviewer.id }),
      );
      const reopen = (u: Writer) =>
        setNeuron("n1", neuron({ status: "draft", reviewer: users.reviewer.id, updatedBy: u.id }));
      expect(trial(server, users.annotator, reopen(users.annotator))).toMatchObject({
        ok: false,
        reason: `neurons["n1"]: annotators may not change the status of a "${status}" neuron (reviewers and admins only)`,
      });
      expect(trial(server, users.reviewer, reopen(users.reviewer))).toEqual({ ok: true });
      // Notes on an approved neuron: status unchanged, allowed.
      const notes = neuron({
        status,
        reviewer: users.reviewer.id,
        notes: "n",
        updatedBy: users.annotator.id,
      });
      expect(trial(server, users.annotator, setNeuron("n1", notes))).toEqual({ ok: true });
    }
  });

  it("[V9] the reviewer field is set by reviewers and admins, to themselves or null", () => {
    const server = withNeuron(neuron({ status: "complete" }));
    expect(
      trial(server, users.annotator, setNeuron("n1", neuron({ reviewer: users.annotator.id }))),
    ).toMatchObject({
      ok: false,
      reason: 'neurons["n1"].reviewer: set by reviewers and admins only, not annotators',
    });
    const asRev = (reviewer: string) =>
      setNeuron("n1", neuron({ status: "approved", reviewer, updatedBy: users.reviewer.id }));
    expect(trial(server, users.reviewer, asRev(users.admin.id))).toMatchObject({
      ok: false,
      reason: 'neurons["n1"].reviewer: must be the writer "u-rev" or null',
    });
    expect(trial(server, users.reviewer, asRev(users.reviewer.id))).toEqual({ ok: true });
  });

  it("[V10] a neuron is claimed only for oneself; another's claim is released by them, reviewers and admins", () => {
    const server = withNeuron(neuron({ claimedBy: users.annotator2.id }));
    expect(
      trial(server, users.annotator, setNeuron("n1", neuron({ claimedBy: users.annotator.id }))),
    ).toMatchObject({
      ok: false,
      reason: 'neurons["n1"].claimedBy: claimed by "u-ann2"; only they, reviewers and admins release it',
    });
    expect(trial(server, users.annotator, setNeuron("n1", neuron()))).toMatchObject({ ok: false });
    const free = withNeuron(neuron());
    expect(
      trial(free, users.annotator, setNeuron("n1", neuron({ claimedBy: users.annotator2.id }))),
    ).toMatchObject({
      ok: false,
      reason: 'neurons["n1"].claimedBy: a user claims a neuron only for themselves',
    });
    expect(trial(free, users.annotator, setNeuron("n1", neuron({ claimedBy: users.annotator.id })))).toEqual({
      ok: true,
    });
    expect(trial(server, users.reviewer, setNeuron("n1", neuron({ updatedBy: users.reviewer.id })))).toEqual({
      ok: true,
    });
    expect(
      trial(server, users.annotator2, setNeuron("n1", neuron({ updatedBy: users.annotator2.id }))),
    ).toEqual({ ok: true });
  });

  it("[V11] a review flag is cleared by reviewers and admins only", () => {
    const server = withNeuron(neuron({ flaggedForReview: true }));
    expect(trial(server, users.annotator, setNeuron("n1", neuron()))).toMatchObject({
      ok: false,
      reason: 'neurons["n1"].flaggedForReview: cleared by reviewers and admins only',
    });
    expect(trial(server, users.reviewer, setNeuron("n1", neuron({ updatedBy: users.reviewer.id })))).toEqual({
      ok: true,
    });
    expect(trial(serverDoc(), users.annotator, setNeuron("n1", neuron({ flaggedForReview: true })))).toEqual({
      ok: true,
    });
  });

  it("[V12] only admins delete a neuron record", () => {
    const server = withNeuron(neuron());
    const del = (d: Y.Doc) => d.getMap("neurons").delete("n1");
    expect(trial(server, users.reviewer, del)).toMatchObject({
      ok: false,
      reason: 'neurons["n1"]: only admins delete a neuron record, not reviewers',
    });
    expect(trial(server, users.admin, del)).toEqual({ ok: true });
  });

  it("[V13] annotations: only the author changes one; the author, reviewers and admins delete it", () => {
    const server = serverDoc();
    const note = { kind: "note", author: users.annotator.id, anchor, text: "x", createdAt: 5 };
    server.getMap("annotations").set("a1", note);
    const edit =
      (u: Writer, fields: object = {}) =>
      (d: Y.Doc) =>
        d.getMap("annotations").set("a1", { ...note, author: u.id, text: "y", ...fields });
    expect(trial(server, users.annotator2, edit(users.annotator2))).toMatchObject({
      ok: false,
      reason: 'annotations["a1"]: written by "u-ann"; only its author changes it',
    });
    expect(trial(server, users.annotator, edit(users.annotator, { createdAt: 9 }))).toMatchObject({
      ok: false,
      reason: 'annotations["a1"].createdAt: fixed when the annotation is created',
    });
    expect(trial(server, users.annotator, edit(users.annotator))).toEqual({ ok: true });
    const del = (d: Y.Doc) => d.getMap("annotations").delete("a1");
    expect(trial(server, users.annotator2, del)).toMatchObject({
      ok: false,
      reason: 'annotations["a1"]: written by "u-ann"; only they, reviewers and admins delete it',
    });
    expect(trial(server, users.annotator, del)).toEqual({ ok: true });
    expect(trial(server, users.reviewer, del)).toEqual({ ok: true });
  });

  it("[V7] a re-set identical record is no change and is accepted", () => {
    const server = withNeuron(neuron({ updatedBy: users.annotator2.id }));
    expect(
      trial(server, users.annotator, setNeuron("n1", neuron({ updatedBy: users.annotator2.id }))),
    ).toEqual({
      ok: true,
    });
  });

  it("[V14] refuses the whole update when one change in it is refused", () => {
    const server = serverDoc();
    const v = trial(server, users.annotator, (d) =>
      d.transact(() => {
        d.getMap("neurons").set("n1", neuron());
        d.getMap("neurons").set("n2", neuron({ status: "approved" }));
      }),
    );
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/neurons\["n2"\]/) });
  });
});
