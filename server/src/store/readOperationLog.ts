import { type Operation, operationFromJson } from "@danio/core";
import type { Store } from "./Store";

const PAGE = 1000;

/** A dataset's operations with seq > afterSeq, in order, read page by page and parsed (errors name the seq). */
export async function readOperationLog(store: Store, datasetId: string, afterSeq = 0): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (let after = afterSeq; ; ) {
    const page = await store.listOperations(datasetId, after, PAGE);
    for (const rec of page) ops.push(operationFromJson(JSON.parse(rec.body), `operation #${rec.seq}`));
    if (page.length < PAGE) return ops;
    after = page[page.length - 1]!.seq;
  }
}
