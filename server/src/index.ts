export { LoginRateLimiter } from "./auth/LoginRateLimiter";
export { hashPassword, verifyPassword } from "./auth/password";
export { type SessionClaims, TokenError, TokenService } from "./auth/TokenService";
export { addUser, colourForName, parseRole, publicUser, setRoleByName } from "./auth/Users";
export { DatasetRegistry, datasetIdFromDir, findDatasetDirs } from "./datasets/DatasetRegistry";
export { DatasetSession } from "./datasets/DatasetSession";
export { createApp, errorResponse } from "./http/createApp";
export { serveStaticFile } from "./http/staticFiles";
export { type RunningServer, type ServerOptions, startServer } from "./startServer";
export { DEFAULT_STORE_URL, openStore } from "./store/openStore";
export { PgStore } from "./store/PgStore";
export { SqliteStore } from "./store/SqliteStore";
export {
  type DatasetRecord,
  type OperationRecord,
  ROLES,
  type Role,
  type Store,
  StoreConflictError,
  StoreNotFoundError,
  type UserRecord,
} from "./store/Store";
export { StoreSyncPersistence } from "./store/StoreSyncPersistence";
export {
  type Authenticate,
  createSyncServer,
  MemorySyncPersistence,
  type SyncIdentity,
  type SyncPersistence,
  type SyncServer,
  type SyncServerOptions,
} from "./sync/index";
export { spawnServe } from "./testing/spawnServe";
export { mergeCandidate } from "./testing/mergeCandidate";
