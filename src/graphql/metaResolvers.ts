/**
 * Meta resolver
 *
 * What is loaded: the data version and load time stamped by the loader, the counts it
 * recorded (statements and their evidence among them), the sources, as the Meta node module
 * reads them (src/neo4j/meta.ts), and the API's closed vocabularies. One round trip. A graph
 * with nothing loaded is the typed NO_DATA, which reaches clients with its advice, not masked.
 */
import { VOCABULARIES } from '../model/glossary.js';
import { DatabaseError } from '../neo4j/errors.js';
import { readMeta } from '../neo4j/meta.js';
import type { StoredSource } from '../model/storedShapes.js';
import type { Context } from './context.js';
import { LATEST_RELEASE, releaseUrl } from '../model/resourceUrls.js';
import type { ShelvedRelease } from '../release/releaseShelf.js';
import type { Resolvers } from './generated/resolvers.js';

const counts = (byName: Record<string, number>) =>
  Object.entries(byName)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => a.name.localeCompare(b.name));

const sum = (byName: Record<string, number>) => Object.values(byName).reduce((n, c) => n + c, 0);

/** The files of a release as the API serves them: under its data version, and under latest. */
const releaseFiles = (release: ShelvedRelease | null, base: string) =>
  (release?.files ?? []).map((file) => ({
    name: file.name,
    url: releaseUrl(base, release!.manifest.dataVersion, file.name),
    latestUrl: releaseUrl(base, LATEST_RELEASE, file.name),
    mediaType: file.mediaType,
    bytes: file.bytes,
    sha256: file.sha256,
  }));

/** What is loaded, as `meta` gives it. */
export async function metaOf(context: Context) {
  const meta = await readMeta(context.database);
  if (!meta) throw new DatabaseError('NO_DATA', 'the graph has no Meta node: nothing is loaded');
  // Statements are the relationships between entities and the literals.
  const statementCount = sum(meta.relationshipCounts) + (meta.nodeCounts.Literal ?? 0);
  return {
    id: `meta:${meta.version}`,
    dataVersion: meta.version,
    loadedAt: meta.loadedAt,
    nodeCounts: counts(meta.nodeCounts),
    relationshipCounts: counts(meta.relationshipCounts),
    statementCount,
    // A graph loaded before statements had evidence lists has one sentence per statement.
    evidenceCount: meta.evidenceCount ?? statementCount,
    sources: meta.sources,
    vocabularies: VOCABULARIES,
    // Read from disk only when selected: Meta.releaseFiles below.
    releaseFiles: [],
    sourceStatistics: meta.sources.map((source) => {
      const counted = meta.sourceCounts?.[source.id];
      if (!counted) throw new DatabaseError('NO_DATA', `the Meta node has no counts of ${source.id}: reload the graph`);
      return {
        source,
        statementCount: counted.statements,
        evidenceCount: counted.evidence,
        identifierCount: counted.identifiers,
        entityCount: counted.entities,
      };
    }),
  };
}

export const metaResolvers: Resolvers = {
  Query: {
    meta: (_: unknown, __: unknown, context: Context) => metaOf(context),
  },
  Meta: {
    releaseFiles: async ({ dataVersion }: { dataVersion: string }, _: unknown, context: Context) =>
      releaseFiles(await context.releases.release(dataVersion), context.publicUrl),
  },
  // A source reads the same wherever it is reached: from meta, a citation or an identifier.
  Source: {
    kind: (source: StoredSource) => source.kind.toUpperCase() as 'ARTICLE' | 'PAGE' | 'REGISTRY' | 'DATASET',
    citeAs: (source: StoredSource) => source.citation ?? null,
    asOf: (source: StoredSource) => source.asOf ?? null,
    attribution: (source: StoredSource) => source.attribution ?? null,
  },
};
