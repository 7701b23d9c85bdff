/**
 * Collects text in pieces and encodes it as UTF-8 in chunks of about a megabyte, so that writing a table of
 * millions of rows never holds one giant string. Strings must be valid Unicode (tables are checked, X1).
 */
const FLUSH_CHARS = 1 << 20;

export class TextBytesBuilder {
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array[] = [];
  private parts: string[] = [];
  private pending = 0;
  private total = 0;

  push(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const bytes = this.encoder.encode(this.parts.join(""));
    this.chunks.push(bytes);
    this.total += bytes.length;
    this.parts = [];
    this.pending = 0;
  }

  /** All text pushed so far as one UTF-8 byte array. */
  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.total);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
