import { MemorySyncPersistence } from "./MemorySyncPersistence";
import { describeSyncPersistenceContract } from "./syncPersistenceContract";

describeSyncPersistenceContract("MemorySyncPersistence", () => new MemorySyncPersistence());
