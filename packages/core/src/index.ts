export { formatId, InvalidIdError, MAX_UINT64, parseId } from "./ids";
