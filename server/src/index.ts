export { serveStaticFile } from "./http/staticFiles";
