/**
 * Request context
 *
 * What every resolver gets: the database executor and the per-request profile loader, which
 * batches the profile lookups of one nesting level into one round trip and caches them for the
 * rest of the request.
 */
import DataLoader from 'dataloader';
import type { Database } from '../neo4j/database.js';
import { entityProfiles, type ProfileResult } from '../graph/profiles.js';

export interface Context {
  database: Database;
  profiles: DataLoader<string, ProfileResult | null>;
  requestId: string;
}

export function createContext(database: Database, requestId: string): Context {
  return {
    database,
    requestId,
    profiles: new DataLoader((ids) => entityProfiles(database, ids), { maxBatchSize: 500 }),
  };
}
