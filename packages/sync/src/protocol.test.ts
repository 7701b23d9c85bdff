import { describe, expect, it } from "vitest";
import { datasetOfRoom, InvalidRoomError, MessageType, roomForDataset, SyncMessageType } from "./protocol";

describe("protocol", () => {
  it("uses y-websocket's message type numbers", () => {
    expect(MessageType).toEqual({ sync: 0, awareness: 1, auth: 2, queryAwareness: 3 });
    expect(SyncMessageType).toEqual({ step1: 0, step2: 1, update: 2 });
  });

  it("names one room per dataset and parses it back", () => {
    expect(roomForDataset("demo")).toBe("dataset/demo");
    expect(datasetOfRoom(roomForDataset("fib-25_a"))).toBe("fib-25_a");
  });

  it("refuses ids and rooms that do not match, naming them", () => {
    expect(() => roomForDataset("../etc")).toThrow(InvalidRoomError);
    expect(() => roomForDataset("")).toThrow(/dataset id ""/);
    expect(() => datasetOfRoom("other/demo")).toThrow(/room "other\/demo": expected dataset\/<id>/);
  });
});
