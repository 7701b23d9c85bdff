/** Thrown by the write helpers when the rules refuse a change before it is written; the document is unchanged. */
export class WriteRefusedError extends Error {
  override readonly name = "WriteRefusedError";
}
