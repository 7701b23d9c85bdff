/**
 * Typed access to `annotations` [Y4]. The write helpers check the server's rules [V13] first and throw
 * WriteRefusedError (document unchanged) when refused.
 */
import type * as Y from "yjs";
import { checkAnnotationWrite, type Writer } from "./checkRecordWrite";
import { isValidId, parseAnnotation } from "./parseRecord";
import { type Anchor, type Annotation, type AnnotationKind, datasetTypes } from "./schema";
import { WriteRefusedError } from "./WriteRefusedError";

/** The annotation stored under `id`, or undefined when absent or malformed. */
export function readAnnotation(doc: Y.Doc, id: string): Annotation | undefined {
  const parsed = parseAnnotation(datasetTypes(doc).annotations.get(id));
  return parsed.ok ? parsed.value : undefined;
}

/** Every well-formed annotation, keyed by annotation id. */
export function readAnnotations(doc: Y.Doc): Map<string, Annotation> {
  const out = new Map<string, Annotation>();
  for (const [id, value] of datasetTypes(doc).annotations.entries()) {
    const parsed = parseAnnotation(value);
    if (parsed.ok) out.set(id, parsed.value);
  }
  return out;
}

/** Creates annotation `id` authored by the writer, or updates the writer's own annotation (createdAt kept). */
export function upsertAnnotation(
  doc: Y.Doc,
  id: string,
  fields: { kind: AnnotationKind; anchor: Anchor; text: string },
  user: Writer,
  now: number = Date.now(),
): Annotation {
  if (!isValidId(id)) {
    throw new WriteRefusedError(`annotation id ${JSON.stringify(id)}: expected 1–128 printable characters`);
  }
  const before = readAnnotation(doc, id);
  const next: Annotation = {
    kind: fields.kind,
    author: user.id,
    anchor: fields.anchor,
    text: fields.text,
    createdAt: before?.createdAt ?? now,
  };
  const reason = checkAnnotationWrite(id, before, next, user);
  if (reason !== undefined) throw new WriteRefusedError(reason);
  datasetTypes(doc).annotations.set(id, next);
  return next;
}

/** Deletes annotation `id` (its author, reviewers and admins [V13]); absent ids are a no-op. */
export function deleteAnnotation(doc: Y.Doc, id: string, user: Writer): void {
  const { annotations } = datasetTypes(doc);
  if (!annotations.has(id)) return;
  const reason = checkAnnotationWrite(id, readAnnotation(doc, id), undefined, user);
  if (reason !== undefined) throw new WriteRefusedError(reason);
  annotations.delete(id);
}
