/**
 * Lookup resolvers
 *
 * drug, drugByIdentifier, drugs and entity: each is one round trip (the profile query with the
 * lookup folded in), and primes the request's loader so nested fields reuse what was fetched.
 * An unknown id or name is null, never an error.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { covers, drugProfiles, FULL_SCOPE, type DrugLookup, type Profile } from '../graph/profiles.js';
import { normalizeName } from '../model/normalizeName.js';
import { badInput } from './arguments.js';
import type { Context } from './context.js';
import { drugScope } from './drugScope.js';
import type { Resolvers } from './generated/resolvers.js';
import { entityValue } from './values.js';

/** Most inputs `drugs` accepts in one call. */
export const MAX_BATCH = 100;

const profiled = (profile: Profile | null) => profile && entityValue(profile.entity, profile.sources, profile);

/** Fetches only what the selection needs; a full profile also serves later nested lookups. */
async function lookupDrugs(context: Context, info: GraphQLResolveInfo, lookups: DrugLookup[]) {
  const profiles = await drugProfiles(context.database, lookups, drugScope(info));
  for (const profile of profiles) {
    if (profile && covers(profile.scope, FULL_SCOPE)) context.profiles.prime(profile.entity.id, profile);
  }
  return profiles.map(profiled);
}

export const lookupResolvers: Resolvers = {
  Query: {
    drug: async (
      _: unknown,
      args: { id?: string | null; name?: string | null },
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      if ((args.id == null) === (args.name == null)) throw badInput('drug needs exactly one of id or name');
      const lookup = args.id != null ? { id: args.id } : { key: normalizeName(args.name!) };
      const [drug] = await lookupDrugs(context, info, [lookup]);
      return drug ?? null;
    },
    drugByIdentifier: async (
      _: unknown,
      args: { namespace: string; value: string },
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      const [drug] = await lookupDrugs(context, info, [{ identifier: `${args.namespace}:${args.value.trim()}` }]);
      return drug ?? null;
    },
    drugs: async (
      _: unknown,
      args: { ids?: string[] | null; names?: string[] | null },
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      const lookups: DrugLookup[] = [
        ...(args.ids ?? []).map((id) => ({ id })),
        ...(args.names ?? []).map((name) => ({ key: normalizeName(name) })),
      ];
      if (lookups.length > MAX_BATCH)
        throw badInput(`drugs accepts at most ${MAX_BATCH} ids and names in all; got ${lookups.length}`);
      if (lookups.length === 0) return [];
      return lookupDrugs(context, info, lookups);
    },
    entity: async (_: unknown, args: { id: string }, context: Context) =>
      profiled(await context.profiles.load(args.id)),
  },
};
