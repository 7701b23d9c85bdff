import { describe, expect, it } from "vitest";
import { MANIFEST_FILE, manifestPath } from "./layout";

describe("dataset layout", () => {
  it("keeps the manifest at the root of the dataset directory", () => {
    expect(MANIFEST_FILE).toBe("danio.json");
    expect(manifestPath("/data/demo")).toBe("/data/demo/danio.json");
  });
});
