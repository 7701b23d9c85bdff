import pkg from "../package.json" with { type: "json" };

/** The software version written into every snapshot manifest. */
export const SOFTWARE_VERSION = `danio-server ${pkg.version}`;
