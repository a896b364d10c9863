/**
 * Search resolver
 *
 * `search`: checks its arguments, runs one full-text query and says for each hit which field
 * matched best.
 */
import { indexSources } from '../graph/citations.js';
import { MAX_HITS, MAX_QUERY_LENGTH, searchEntities } from '../graph/search.js';
import type { Context } from './context.js';
import { entityRef } from './entityValue.js';
import { badInput } from './lookupResolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import type { GraphQLResolveInfo } from 'graphql';
import { entitiesBrief } from './drugScope.js';

export const searchResolvers: Resolvers = {
  Query: {
    search: async (
      _: unknown,
      args: { query: string; kinds?: string[] | null; first: number },
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      if (args.query.length > MAX_QUERY_LENGTH) throw badInput(`query must be at most ${MAX_QUERY_LENGTH} characters`);
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_HITS) {
        throw badInput(`first must be between 1 and ${MAX_HITS}; got ${args.first}`);
      }
      const rows = await searchEntities(context.database, args.query, args.kinds ?? null, args.first, entitiesBrief(info));
      return rows.map((row) => ({
        entity: entityRef(row.entity, indexSources(row.sources)),
        score: row.score,
        matchedField: row.match.field,
        matchedText: row.match.text,
      }));
    },
  },
};
