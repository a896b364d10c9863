/**
 * Request context
 *
 * What every resolver gets: the database executor and the per-request profile loader, which
 * batches the profile lookups of one nesting level into one round trip and caches them for the
 * rest of the request.
 */
import DataLoader from 'dataloader';
import type { Database, QueryStats, Reader } from '../neo4j/database.js';
import { entityProfiles, type Profile } from '../graph/profiles.js';

export interface Context {
  /** Reads through the shared driver, counted in `stats`. */
  database: Reader;
  profiles: DataLoader<string, Profile | null>;
  requestId: string;
  stats: QueryStats;
}

export function createContext(database: Database, requestId: string): Context {
  const stats = { roundTrips: 0, dbTimeMs: 0 };
  const reader = database.reader(stats);
  return {
    database: reader,
    requestId,
    stats,
    profiles: new DataLoader((ids) => entityProfiles(reader, ids), { maxBatchSize: 500 }),
  };
}
