export type { NpyArray, NpyData, NpyDtype } from "./npy";
export { NpyFormatError, readNpy, writeNpy } from "./npy";
