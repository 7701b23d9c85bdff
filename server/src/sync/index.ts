export {
  createSyncServer,
  type SyncServer,
  type SyncServerOptions,
  type SyncServerStats,
} from "./createSyncServer";
export { MemorySyncPersistence } from "./MemorySyncPersistence";
export { SERVER_ORIGIN, SERVER_USER_ID } from "./SyncRoom";
export type { Authenticate, SyncIdentity, SyncLogEntry, SyncPersistence } from "./syncTypes";
