/**
 * The server's door for client updates [V14]: keeps a shadow copy of a room's document, judges each
 * client update on the shadow (validateUpdate's technique without copying the document per update),
 * applies accepted updates to the real document, and rebuilds the shadow after a refusal. Changes that
 * reach the real document any other way (server writes, loading from persistence) are mirrored into the
 * shadow through the document's update event.
 */
import * as Y from "yjs";
import type { Writer } from "./checkRecordWrite";
import { cloneDoc, judgeUpdate, type Verdict } from "./validateUpdate";

export class UpdateGate {
  private shadow: Y.Doc;
  private applying = false;
  /** Yjs client id → user id of whoever first wrote under it [V6]. */
  private readonly owners = new Map<number, string>();
  private readonly mirror = (update: Uint8Array) => {
    if (!this.applying) Y.applyUpdate(this.shadow, update);
  };

  /** `serverUserId` is attributed the document's own client id, so no client writes under it. */
  constructor(
    readonly doc: Y.Doc,
    serverUserId: string,
  ) {
    this.shadow = cloneDoc(doc);
    this.owners.set(doc.clientID, serverUserId);
    doc.on("update", this.mirror);
  }

  /**
   * Judges `update` from `user`; if accepted, applies it to the document with transaction origin
   * `origin` and attributes the Yjs client ids it wrote under to `user`.
   */
  submit(update: Uint8Array, user: Writer, origin: unknown): Verdict {
    const { verdict, writtenClients } = judgeUpdate(this.doc, this.shadow, update, user, {
      clientOwners: this.owners,
    });
    if (!verdict.ok) {
      this.shadow.destroy();
      this.shadow = cloneDoc(this.doc);
      return verdict;
    }
    this.applying = true;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.applying = false;
    }
    for (const client of writtenClients) if (!this.owners.has(client)) this.owners.set(client, user.id);
    return verdict;
  }

  destroy(): void {
    this.doc.off("update", this.mirror);
    this.shadow.destroy();
  }
}
