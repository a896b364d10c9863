/**
 * Search resolver
 *
 * `search`: checks its arguments, runs one full-text query and says for each hit which field
 * matched best.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { MAX_HITS, MAX_QUERY_LENGTH, searchEntities } from '../graph/search.js';
import { badInput, inRange } from './arguments.js';
import type { Context } from './context.js';
import { entitiesBrief } from './drugScope.js';
import type { Resolvers } from './generated/resolvers.js';
import { entityValue } from './values.js';

export const searchResolvers: Resolvers = {
  Query: {
    search: async (
      _: unknown,
      args: { query: string; kinds?: string[] | null; first: number },
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      if (args.query.length > MAX_QUERY_LENGTH) throw badInput(`query must be at most ${MAX_QUERY_LENGTH} characters`);
      const first = inRange('first', args.first, 1, MAX_HITS);
      const rows = await searchEntities(context.database, args.query, args.kinds ?? null, first, entitiesBrief(info));
      return rows.map((row) => ({
        entity: entityValue(row.entity, row.sources),
        score: row.score,
        matchedField: row.match.field,
        matchedText: row.match.text,
      }));
    },
  },
};
