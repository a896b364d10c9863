/**
 * Meta resolver
 *
 * What is loaded: the data version and load time stamped by the loader, the counts it
 * recorded, and the sources, as the Meta node module reads them (src/neo4j/meta.ts). One round
 * trip.
 */
import { readMeta } from '../neo4j/meta.js';
import type { Context } from './context.js';
import type { Resolvers } from './generated/resolvers.js';

const counts = (byName: Record<string, number>) =>
  Object.entries(byName)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => a.name.localeCompare(b.name));

export const metaResolvers: Resolvers = {
  Query: {
    meta: async (_: unknown, __: unknown, context: Context) => {
      const meta = await readMeta(context.database);
      if (!meta) throw new Error('the graph has no data loaded: run `npm run seed`');
      return {
        dataVersion: meta.version,
        loadedAt: meta.loadedAt,
        nodeCounts: counts(meta.nodeCounts),
        relationshipCounts: counts(meta.relationshipCounts),
        sources: meta.sources,
      };
    },
  },
};
