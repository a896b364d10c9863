/**
 * Lookup resolvers
 *
 * drug, drugByIdentifier, drugs and entity: each is one round trip (the profile query with the
 * lookup folded in), and primes the request's loader so nested fields reuse what was fetched.
 * An unknown id or name is null, never an error.
 */
import { GraphQLError } from 'graphql';
import { drugProfiles, type DrugLookup, type ProfileResult } from '../graph/profiles.js';
import { normalizeName } from '../graph/normalizeName.js';
import type { Context } from './context.js';
import { fromProfile } from './entityValue.js';
import type { Resolvers } from './generated/resolvers.js';

/** Most inputs `drugs` accepts in one call. */
export const MAX_BATCH = 100;

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

async function lookupDrugs(context: Context, lookups: DrugLookup[]) {
  const results = await drugProfiles(context.database, lookups);
  results.forEach((result: ProfileResult | null) => {
    if (result) context.profiles.prime(String(result.profile.entity.id), result);
  });
  return results.map(fromProfile);
}

export const lookupResolvers: Resolvers = {
  Query: {
    drug: async (_: unknown, args: { id?: string | null; name?: string | null }, context: Context) => {
      if ((args.id == null) === (args.name == null)) throw badInput('drug needs exactly one of id or name');
      const lookup = args.id != null ? { id: args.id } : { key: normalizeName(args.name!) };
      const [drug] = await lookupDrugs(context, [lookup]);
      return drug ?? null;
    },
    drugByIdentifier: async (_: unknown, args: { namespace: string; value: string }, context: Context) => {
      const [drug] = await lookupDrugs(context, [{ identifier: `${args.namespace}:${args.value.trim()}` }]);
      return drug ?? null;
    },
    drugs: async (_: unknown, args: { ids?: string[] | null; names?: string[] | null }, context: Context) => {
      const lookups: DrugLookup[] = [
        ...(args.ids ?? []).map((id) => ({ id })),
        ...(args.names ?? []).map((name) => ({ key: normalizeName(name) })),
      ];
      if (lookups.length > MAX_BATCH)
        throw badInput(`drugs accepts at most ${MAX_BATCH} ids and names in all; got ${lookups.length}`);
      if (lookups.length === 0) return [];
      return lookupDrugs(context, lookups);
    },
    entity: async (_: unknown, args: { id: string }, context: Context) =>
      fromProfile(await context.profiles.load(args.id)),
  },
};
