/**
 * Research resolvers
 *
 * sharedTargets, compareAffinity, paths, neighbourhood and timeline: argument checks (a bad
 * argument is BAD_USER_INPUT with the reason), one query each, rows mapped to API objects.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { eventProfiles } from '../graph/profiles.js';
import * as research from '../graph/research.js';
import { indexSources, relationQualifiers, toCitation, type SourceIndex } from '../model/citations.js';
import type { Predicate } from '../model/predicates.js';
import type { StoredEntity, StoredRelation } from '../model/storedShapes.js';
import { badInput, inRange } from './arguments.js';
import type { Context } from './context.js';
import { asksBeyond, entitiesBrief } from './drugScope.js';
import { relationType, requiredProp } from './entityResolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import { entityValue } from './values.js';

/** What an edge read without its properties can answer. */
const BRIEF_EDGE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'source', 'target', 'type']);

/** Hard caps of the research fields; larger requests are refused, not truncated. */
export const LIMITS = { maxHops: 5, paths: 20, depth: 3 } as const;

function affinity(drug: StoredEntity, target: StoredEntity, relation: StoredRelation, sources: SourceIndex) {
  return {
    drug: entityValue(drug, sources),
    target: entityValue(target, sources),
    measure: requiredProp(relation, 'measure'),
    value: requiredProp<number>(relation, 'value'),
    unit: requiredProp(relation, 'unit'),
    stereoisomer: requiredProp(relation, 'stereoisomer'),
    citation: toCitation(relation, sources),
  };
}

function hop(row: research.HopRow, fromNode: StoredEntity, toNode: StoredEntity, sources: SourceIndex) {
  return {
    from: entityValue(fromNode, sources),
    to: entityValue(toNode, sources),
    type: relationType(row),
    direction: row.startId === fromNode.id ? ('OUTGOING' as const) : ('INCOMING' as const),
    qualifiers: relationQualifiers(row.props),
    citation: toCitation(row.props, sources),
  };
}

export const researchResolvers: Resolvers = {
  // Qualifiers and citation are built only when asked for: a large neighbourhood often is not.
  GraphEdge: {
    qualifiers: (edge) => relationQualifiers(edge.props),
    citation: (edge) => toCitation(edge.props, edge.sources),
  },
  Query: {
    sharedTargets: async (_: unknown, args: { drug: string }, context: Context) => {
      const rows = await research.sharedTargets(context.database, args.drug);
      return rows.map((row) => {
        const sources = indexSources(row.sources);
        return {
          target: entityValue(row.target, sources),
          drug: entityValue(row.drug, sources),
          action: requiredProp(row.relation, 'action'),
          ownAction: row.ownActions.join(', '),
          affinities: row.affinities.map((a) => affinity(row.drug, row.target, a, sources)),
          citation: toCitation(row.relation, sources),
        };
      });
    },
    compareAffinity: async (_: unknown, args: { target: string }, context: Context) => {
      const rows = await research.compareAffinity(context.database, args.target);
      return rows.map((row) => affinity(row.drug, row.target, row.relation, indexSources(row.sources)));
    },
    paths: async (_: unknown, args: { from: string; to: string; maxHops: number; first: number }, context: Context) => {
      const maxHops = inRange('maxHops', args.maxHops, 1, LIMITS.maxHops);
      const first = inRange('first', args.first, 1, LIMITS.paths);
      if (args.from === args.to) throw badInput('from and to must be different entities');
      const rows = await research.shortestPaths(context.database, args.from, args.to, maxHops, first);
      return rows.map((row) => {
        const sources = indexSources(row.sources);
        return {
          length: row.hops.length,
          nodes: row.nodes.map((n) => entityValue(n, sources)),
          hops: row.hops.map((h, i) => hop(h, row.nodes[i]!, row.nodes[i + 1]!, sources)),
        };
      });
    },
    neighbourhood: async (
      _: unknown,
      args: { id: string; depth: number; relationTypes?: string[] | null },
      context: Context,
      info: GraphQLResolveInfo,
    ) => {
      const depth = inRange('depth', args.depth, 1, LIMITS.depth) as 1 | 2 | 3;
      const row = await research.neighbourhood(context.database, args.id, depth, args.relationTypes ?? null, {
        briefEntities: entitiesBrief(info),
        edgeProperties: asksBeyond(info, 'edges', BRIEF_EDGE_FIELDS),
      });
      if (!row) return null;
      const sources = indexSources(row.sources);
      return {
        centre: entityValue(row.centre, sources),
        nodes: row.nodes.map((n) => entityValue(n, sources)),
        edges: row.edges.map((e) => ({
          id: e.props.factId,
          source: e.startId,
          target: e.endId,
          type: e.type as Predicate,
          props: e.props,
          sources,
        })),
      };
    },
    timeline: async (
      _: unknown,
      args: { entity?: string | null; from?: number | null; to?: number | null },
      context: Context,
    ) => {
      const events = await eventProfiles(context.database, {
        entity: args.entity ?? null,
        from: args.from ?? null,
        to: args.to ?? null,
      });
      return events.map((profile) => entityValue(profile.entity, profile.sources, profile));
    },
  },
};
