/**
 * The write half of the Apache Thrift compact protocol, as much of it as Parquet metadata needs (SPEC.md PQ3):
 * field headers with delta-encoded ids, zigzag varints for i16/i32/i64, length-prefixed binary, lists and
 * nested structs, booleans folded into the field header. Integers are JS numbers and must be safe integers.
 */

/** Compact-protocol type codes. */
export const CT_BOOLEAN_TRUE = 1;
export const CT_BOOLEAN_FALSE = 2;
export const CT_BYTE = 3;
export const CT_I16 = 4;
export const CT_I32 = 5;
export const CT_I64 = 6;
export const CT_DOUBLE = 7;
export const CT_BINARY = 8;
export const CT_LIST = 9;
export const CT_STRUCT = 12;

export class ThriftCompactWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private lastField = 0;
  private readonly fieldStack: number[] = [];
  private readonly encoder = new TextEncoder();

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** Unsigned varint of a non-negative safe integer (7 bits per byte, low first). */
  private varint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`thrift: varint ${n} is not a non-negative safe integer`);
    let v = n;
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.byte(v);
  }

  /** Zigzag varint: 0, −1, 1, −2 … map to 0, 1, 2, 3 … */
  private zigzag(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`thrift: integer ${n} is not a safe integer`);
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  private fieldHeader(id: number, type: number): void {
    const delta = id - this.lastField;
    if (delta > 0 && delta <= 15) {
      this.byte((delta << 4) | type);
    } else {
      this.byte(type);
      this.zigzag(id);
    }
    this.lastField = id;
  }

  fieldI16(id: number, v: number): void {
    this.fieldHeader(id, CT_I16);
    this.zigzag(v);
  }

  fieldI32(id: number, v: number): void {
    this.fieldHeader(id, CT_I32);
    this.zigzag(v);
  }

  fieldI64(id: number, v: number): void {
    this.fieldHeader(id, CT_I64);
    this.zigzag(v);
  }

  fieldI8(id: number, v: number): void {
    this.fieldHeader(id, CT_BYTE);
    this.byte(v & 0xff);
  }

  fieldBool(id: number, v: boolean): void {
    this.fieldHeader(id, v ? CT_BOOLEAN_TRUE : CT_BOOLEAN_FALSE);
  }

  fieldBinary(id: number, bytes: Uint8Array): void {
    this.fieldHeader(id, CT_BINARY);
    this.binary(bytes);
  }

  fieldString(id: number, s: string): void {
    this.fieldBinary(id, this.encoder.encode(s));
  }

  /** Starts a struct-valued field; end it with endStruct(). */
  beginStructField(id: number): void {
    this.fieldHeader(id, CT_STRUCT);
    this.beginStruct();
  }

  /** Starts a struct that is a list element (no field header). */
  beginStruct(): void {
    this.fieldStack.push(this.lastField);
    this.lastField = 0;
  }

  /** Writes the stop byte and returns to the enclosing struct. */
  endStruct(): void {
    this.byte(0);
    const last = this.fieldStack.pop();
    if (last === undefined) throw new Error("thrift: endStruct without beginStruct");
    this.lastField = last;
  }

  /** A list-valued field header; then write `size` elements of `elemType`. */
  fieldList(id: number, elemType: number, size: number): void {
    this.fieldHeader(id, CT_LIST);
    if (size < 15) {
      this.byte((size << 4) | elemType);
    } else {
      this.byte(0xf0 | elemType);
      this.varint(size);
    }
  }

  /** List elements. */
  i32(v: number): void {
    this.zigzag(v);
  }

  binary(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  string(s: string): void {
    this.binary(this.encoder.encode(s));
  }

  /** The bytes written so far; the top-level struct must have been closed with `stop()`. */
  finish(): Uint8Array {
    if (this.fieldStack.length !== 0) throw new Error("thrift: unclosed struct");
    return this.buf.slice(0, this.len);
  }

  /** Ends the top-level struct (its stop byte). */
  stop(): void {
    this.byte(0);
    this.lastField = 0;
  }
}
