export { MANIFEST_FILE, MANIFEST_VERSION, manifestPath } from "./layout";
