import { describe, expect, it } from "vitest";
import {
  CloseCode,
  closeReason,
  datasetOfRoom,
  InvalidRoomError,
  isRefusalClose,
  MAX_CLOSE_REASON_BYTES,
  MessageType,
  roomForDataset,
  SyncMessageType,
} from "./protocol";

describe("protocol", () => {
  it("[P2] uses y-websocket's message type numbers", () => {
    expect(MessageType).toEqual({ sync: 0, awareness: 1, auth: 2, queryAwareness: 3 });
    expect(SyncMessageType).toEqual({ step1: 0, step2: 1, update: 2 });
  });

  it("[P1] names one room per dataset and parses it back", () => {
    expect(roomForDataset("demo")).toBe("dataset/demo");
    expect(datasetOfRoom(roomForDataset("fib-25_a"))).toBe("fib-25_a");
  });

  it("[P1] refuses ids and rooms that do not match, naming them", () => {
    expect(() => roomForDataset("../etc")).toThrow(InvalidRoomError);
    expect(() => roomForDataset("")).toThrow(/dataset id ""/);
    expect(() => datasetOfRoom("other/demo")).toThrow(/room "other\/demo": expected dataset\/<id>/);
  });

  it("[P5] refusals are 4400–4499 and 1009; other codes are transient", () => {
    expect([
      CloseCode.malformed,
      CloseCode.unauthorized,
      CloseCode.refused,
      CloseCode.unknownDataset,
    ]).toEqual([4400, 4401, 4403, 4404]);
    for (const code of [4400, 4401, 4403, 4499, 1009]) expect(isRefusalClose(code)).toBe(true);
    for (const code of [1000, 1001, 1006, 1011, 4399, 4500]) expect(isRefusalClose(code)).toBe(false);
  });

  it("[P5] close reasons are cut to 123 UTF-8 bytes on a character boundary", () => {
    expect(closeReason("short")).toBe("short");
    const long = "é".repeat(100);
    const cut = closeReason(long);
    expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.slice(0, -1)).toBe("é".repeat(cut.length - 1));
    const exact = "a".repeat(123);
    expect(closeReason(exact)).toBe(exact);
  });
});
