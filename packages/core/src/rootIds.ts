import { InvalidGraphError } from "./errors";
import { MAX_UINT64 } from "./ids";

/**
 * Root ids (SPEC.md A3) are `rootIdBase + counter`, where the counter starts at 1 and only grows: the
 * initial segments take 1, 2, 3… in the order of their smallest supervoxel index, and every edit that
 * changes membership takes the next values. With the default base of 10^18 a root id reads as its counter
 * ("1000000000000000042" is root #42) and cannot collide with a supervoxel id, because every supervoxel id
 * must be below the base. A root id is never reused, not even by undo.
 */
export const DEFAULT_ROOT_ID_BASE = 1_000_000_000_000_000_000n;

/** Checks that `base` leaves room above the largest supervoxel id and below 2^64 for `counterRoom` roots. */
export function checkRootIdBase(
  base: bigint,
  largestSupervoxel: bigint | undefined,
  counterRoom: number,
): void {
  if (base < 1n || base > MAX_UINT64 - BigInt(counterRoom)) {
    throw new InvalidGraphError(
      "A3",
      "rootIdBase",
      `expected a base in 1..2^64 − ${counterRoom}, got ${base}`,
    );
  }
  if (largestSupervoxel !== undefined && largestSupervoxel >= base) {
    throw new InvalidGraphError(
      "A3",
      "rootIdBase",
      `supervoxel ${largestSupervoxel} is not below the root id base ${base}; pass a larger rootIdBase`,
    );
  }
}
