/**
 * Supervoxel and root ids are uint64: `bigint` at API boundaries, decimal strings in JSON, dense uint32
 * indices inside hot code (see SPEC.md, rules I*).
 */
export const MAX_UINT64 = (1n << 64n) - 1n;

/** Thrown when a string or number is not a valid uint64 id. */
export class InvalidIdError extends Error {
  override readonly name = "InvalidIdError";
  constructor(
    readonly value: unknown,
    readonly field: string,
  ) {
    super(`${field}: expected a uint64 id as a decimal string, got ${JSON.stringify(String(value))}`);
  }
}

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** Parses a decimal uint64 id as it appears in JSON. `field` names the offending field in the error. */
export function parseId(value: unknown, field = "id"): bigint {
  if (typeof value === "bigint") {
    if (value < 0n || value > MAX_UINT64) throw new InvalidIdError(value, field);
    return value;
  }
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new InvalidIdError(value, field);
    return BigInt(value);
  }
  if (typeof value !== "string" || !DECIMAL.test(value)) throw new InvalidIdError(value, field);
  const id = BigInt(value);
  if (id > MAX_UINT64) throw new InvalidIdError(value, field);
  return id;
}

/** The JSON form of an id: a decimal string, so that no JSON reader rounds it to a double. */
export function formatId(id: bigint): string {
  if (id < 0n || id > MAX_UINT64) throw new InvalidIdError(id, "id");
  return id.toString(10);
}
