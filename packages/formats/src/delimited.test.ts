import { describe, expect, it } from "vitest";
import { DelimitedFormatError, detectDelimiter, parseDelimited } from "./delimited";

describe("delimited text", () => {
  it("splits rows and fields, keeping the line each row starts on", () => {
    const t = parseDelimited("a,b,c\n1,2,3\r\n\n4,,6\n");
    expect(t.delimiter).toBe(",");
    expect(t.rows).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "", "6"],
    ]);
    expect(t.lines).toEqual([1, 2, 4]);
  });

  it("reads RFC 4180 quotes, including separators, doubled quotes and newlines inside them", () => {
    const t = parseDelimited('name,note\n"x,y","say ""hi"""\n"multi\nline",z');
    expect(t.rows).toEqual([
      ["name", "note"],
      ["x,y", 'say "hi"'],
      ["multi\nline", "z"],
    ]);
    expect(t.lines).toEqual([1, 2, 3]);
  });

  it("strips a byte-order mark and detects tabs", () => {
    const t = parseDelimited("\ufeffpre\tpost\tn\nA\tB\t3\n");
    expect(t.delimiter).toBe("\t");
    expect(t.rows[0]).toEqual(["pre", "post", "n"]);
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter("a,b")).toBe(",");
  });

  it("keeps a trailing empty field and names the line of an unterminated quote", () => {
    expect(parseDelimited("a,b,").rows).toEqual([["a", "b", ""]]);
    expect(() => parseDelimited('a,b\n1,"oops\n2,3', { name: "f.csv" })).toThrow(DelimitedFormatError);
    expect(() => parseDelimited('a,b\n1,"oops\n2,3', { name: "f.csv" })).toThrow(
      /f\.csv:2: unterminated quoted field/,
    );
  });
});
