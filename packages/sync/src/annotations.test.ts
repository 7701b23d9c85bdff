import { describe, expect, it } from "vitest";
import { deleteAnnotation, readAnnotation, readAnnotations, upsertAnnotation } from "./annotations";
import { anchor, serverDoc, users } from "./testDocs";
import { WriteRefusedError } from "./WriteRefusedError";

describe("annotation helpers", () => {
  it("[V13] creates with the writer as author, keeps createdAt on update", () => {
    const doc = serverDoc();
    upsertAnnotation(doc, "a1", { kind: "note", anchor, text: "bad merge?" }, users.annotator, 10);
    upsertAnnotation(doc, "a1", { kind: "note", anchor, text: "bad merge" }, users.annotator, 20);
    expect(readAnnotation(doc, "a1")).toEqual({
      kind: "note",
      author: users.annotator.id,
      anchor,
      text: "bad merge",
      createdAt: 10,
    });
  });

  it("[V13] refuses another user's edit and an annotator's delete of another's annotation", () => {
    const doc = serverDoc();
    upsertAnnotation(doc, "a1", { kind: "point", anchor, text: "" }, users.annotator);
    expect(() =>
      upsertAnnotation(doc, "a1", { kind: "point", anchor, text: "mine now" }, users.annotator2),
    ).toThrow(WriteRefusedError);
    expect(() => deleteAnnotation(doc, "a1", users.annotator2)).toThrow(
      /only they, reviewers and admins delete it/,
    );
    deleteAnnotation(doc, "a1", users.reviewer);
    expect(readAnnotations(doc).size).toBe(0);
    expect(() => upsertAnnotation(doc, "", { kind: "point", anchor, text: "" }, users.annotator)).toThrow(
      /annotation id ""/,
    );
  });

  it("[V1] viewers cannot annotate", () => {
    expect(() =>
      upsertAnnotation(serverDoc(), "a1", { kind: "point", anchor, text: "" }, users.viewer),
    ).toThrow('annotations["a1"]: viewers write nothing');
  });
});
