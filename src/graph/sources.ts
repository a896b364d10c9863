/**
 * Sources by data version
 *
 * The handful of Source nodes change only with the data version (the version is a hash of the
 * seed, sources included), so they are read once per version and kept. A query whose rows
 * cite sources returns the version it read (`VERSION_OF_GRAPH`) instead of the sources
 * themselves, which were 4 KB per row, re-read and unpacked on every request; the rows are
 * then joined to the sources of that very version. Reading them is no request's work: it is
 * counted in no request's round trips, and it checks that what it read is the version asked for.
 */
import { indexSources, type SourceIndex } from '../model/citations.js';
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';

/** A Cypher subquery giving `version`: the data version the rest of the query reads (null: no graph). */
export const VERSION_OF_GRAPH = "CALL () { OPTIONAL MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version }";

const SOURCES = `MATCH (m:Meta {id: 'graph'})
RETURN m.version AS version, COLLECT { MATCH (s:Source) RETURN properties(s) } AS sources`;

/** Versions kept: the one served, and the one a switch is leaving or bringing. */
const KEPT_VERSIONS = 4;
const kept = new Map<string, Promise<SourceIndex>>();

async function readSources(database: Reader, version: string): Promise<SourceIndex> {
  const [row] = await database.readKept<{ version: string; sources: StoredSource[] }>({
    name: 'sources',
    cypher: SOURCES,
  });
  if (row?.version !== version)
    throw new Error(`the data version changed from ${version} while its sources were read; retry`);
  return indexSources(row.sources);
}

/** The sources of the data version a query's rows were read from (`VERSION_OF_GRAPH`). */
export const sourcesOfRows = (database: Reader, rows: readonly { version: string | null }[]): Promise<SourceIndex> =>
  sourcesOf(database, rows[0]?.version ?? null);

/** The sources of data version `version` (none when no graph is loaded). */
function sourcesOf(database: Reader, version: string | null): Promise<SourceIndex> {
  if (version === null) return Promise.resolve(new Map());
  let sources = kept.get(version);
  if (!sources) {
    sources = readSources(database, version);
    kept.set(version, sources);
    // A failed read is not kept: the next request reads again.
    sources.catch(() => kept.get(version) === sources && kept.delete(version));
    if (kept.size > KEPT_VERSIONS) kept.delete(kept.keys().next().value!);
  }
  return sources;
}
