/**
 * Meta resolver
 *
 * What is loaded: the data version and load time stamped by the loader, the counts it
 * recorded, and the sources. One round trip.
 */
import type { StoredSource } from '../graph/storedShapes.js';
import type { Context } from './context.js';
import type { Resolvers } from './generated/resolvers.js';

const META = `
MATCH (m:Meta {id: 'graph'})
RETURN m.version AS version, toString(m.loadedAt) AS loadedAt, m.nodeCounts AS nodeCounts,
       m.relationshipCounts AS relationshipCounts,
       COLLECT { MATCH (s:Source) RETURN properties(s) ORDER BY s.id } AS sources`;

interface MetaRow {
  version: string;
  loadedAt: string;
  nodeCounts: string;
  relationshipCounts: string;
  sources: StoredSource[];
}

const counts = (json: string) =>
  Object.entries(JSON.parse(json) as Record<string, number>)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => a.name.localeCompare(b.name));

export const metaResolvers: Resolvers = {
  Query: {
    meta: async (_: unknown, __: unknown, context: Context) => {
      const [row] = await context.database.read<MetaRow>({ name: 'meta', cypher: META });
      if (!row) throw new Error('the graph has no data loaded: run `npm run seed`');
      return {
        dataVersion: row.version,
        loadedAt: row.loadedAt,
        nodeCounts: counts(row.nodeCounts),
        relationshipCounts: counts(row.relationshipCounts),
        sources: row.sources,
      };
    },
  },
};
