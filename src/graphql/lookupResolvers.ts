/**
 * Lookup resolvers
 *
 * drug, drugByIdentifier, drugs, entity, entityByIdentifier and entitiesByIdentifier: each is
 * one round trip (the profile query with the lookup folded in), and primes the request's loader
 * so nested fields reuse what was fetched. An unknown id, name or identifier is null, never an
 * error. An entity found by identifier is fetched in full, exactly as `entity` fetches it.
 */
import type { GraphQLResolveInfo } from 'graphql';
import {
  covers,
  drugProfiles,
  entityProfilesByIdentifier,
  FULL_SCOPE,
  type DrugLookup,
  type Profile,
} from '../graph/profiles.js';
import { lookupKey } from '../model/identifierKey.js';
import { normalizeName } from '../model/normalizeName.js';
import type { IdentifierNamespace } from '../model/vocabulary.js';
import { badInput } from './arguments.js';
import type { Context } from './context.js';
import { drugScope } from './drugScope.js';
import type { Resolvers } from './generated/resolvers.js';
import { entityValue } from './values.js';

/** Most inputs `drugs` and `entitiesByIdentifier` accept in one call. */
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

/** Entities of any kind by identifier, in the order of `values`; null where none matches. */
async function lookupByIdentifier(context: Context, namespace: IdentifierNamespace, values: readonly string[]) {
  const profiles = await entityProfilesByIdentifier(
    context.database,
    values.map((value) => lookupKey(namespace, value)),
  );
  for (const profile of profiles) if (profile) context.profiles.prime(profile.entity.id, profile);
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
      const identifier = lookupKey(args.namespace as IdentifierNamespace, args.value);
      const [drug] = await lookupDrugs(context, info, [{ identifier }]);
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
    entityByIdentifier: async (
      _: unknown,
      args: { namespace: IdentifierNamespace; value: string },
      context: Context,
    ) => {
      const [entity] = await lookupByIdentifier(context, args.namespace, [args.value]);
      return entity ?? null;
    },
    entitiesByIdentifier: async (
      _: unknown,
      args: { namespace: IdentifierNamespace; values: string[] },
      context: Context,
    ) => {
      if (args.values.length > MAX_BATCH)
        throw badInput(`entitiesByIdentifier accepts at most ${MAX_BATCH} values; got ${args.values.length}`);
      if (args.values.length === 0) return [];
      return lookupByIdentifier(context, args.namespace, args.values);
    },
  },
};
