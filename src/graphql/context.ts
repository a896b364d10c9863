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
import type { ReleaseShelf } from '../release/releaseShelf.js';

export interface Context {
  /** Reads through the shared driver, counted in `stats`. */
  database: Reader;
  profiles: DataLoader<string, Profile | null>;
  requestId: string;
  stats: QueryStats;
  /** The API's public URL: the base of every `url` (PUBLIC_URL). */
  publicUrl: string;
  /** The releases written so far (RELEASE_DIR), for `meta.releaseFiles`. */
  releases: ReleaseShelf;
}

/** Where the API is reached and the releases it serves. */
export type Site = Pick<Context, 'publicUrl' | 'releases'>;

export function createContext(database: Database, requestId: string, site: Site): Context {
  const stats = { roundTrips: 0, dbTimeMs: 0 };
  const reader = database.reader(stats);
  return {
    database: reader,
    requestId,
    stats,
    ...site,
    profiles: new DataLoader((ids) => entityProfiles(reader, ids), { maxBatchSize: 500 }),
  };
}
