/**
 * Research resolvers
 *
 * sharedTargets, compareAffinity, paths, neighbourhood and timeline: argument checks (a bad
 * argument is BAD_USER_INPUT with the reason), one query each, rows mapped to API objects.
 */
import { indexSources, relationQualifiers, toCitation, type SourceIndex } from '../graph/citations.js';
import { eventProfiles } from '../graph/profiles.js';
import * as research from '../graph/research.js';
import type { StoredEntity, StoredRelation } from '../graph/storedShapes.js';
import type { Context } from './context.js';
import { requiredProp, relationType } from './entityResolvers.js';
import { entityRef, entityValueOf } from './entityValue.js';
import { badInput } from './lookupResolvers.js';
import { asksBeyond, entitiesBrief } from './drugScope.js';
import type { RelationType, Resolvers } from './generated/resolvers.js';
import type { GraphQLResolveInfo } from 'graphql';

/** What an edge read without its properties can answer. */
const BRIEF_EDGE_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'source', 'target', 'type']);

/** A neighbourhood edge; qualifiers and citation come from its stored properties. */
export interface GraphEdgeValue {
  id: string;
  source: string;
  target: string;
  type: RelationType;
  props: StoredRelation;
  sources: SourceIndex;
}

/** Hard caps of the research fields; larger requests are refused, not truncated. */
export const LIMITS = { maxHops: 5, paths: 20, depth: 3 } as const;

function affinity(drug: StoredEntity, target: StoredEntity, relation: StoredRelation, sources: SourceIndex) {
  return {
    drug: entityRef(drug, sources),
    target: entityRef(target, sources),
    measure: requiredProp(relation, 'measure'),
    value: requiredProp<number>(relation, 'value'),
    unit: requiredProp(relation, 'unit'),
    stereoisomer: requiredProp(relation, 'stereoisomer'),
    citation: toCitation(relation, sources),
  };
}

function hop(row: research.HopRow, fromNode: StoredEntity, toNode: StoredEntity, sources: SourceIndex) {
  return {
    from: entityRef(fromNode, sources),
    to: entityRef(toNode, sources),
    type: relationType(row),
    direction: row.startId === fromNode.id ? ('OUTGOING' as const) : ('INCOMING' as const),
    qualifiers: relationQualifiers(row.props),
    citation: toCitation(row.props, sources),
  };
}

function inRange(name: string, value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high)
    throw badInput(`${name} must be between ${low} and ${high}; got ${value}`);
  return value;
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
          target: entityRef(row.target, sources),
          drug: entityRef(row.drug, sources),
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
          nodes: row.nodes.map((n) => entityRef(n, sources)),
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
        centre: entityRef(row.centre, sources),
        nodes: row.nodes.map((n) => entityRef(n, sources)),
        edges: row.edges.map((e) => ({
          id: e.props.factId,
          source: e.startId,
          target: e.endId,
          type: relationType(e),
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
      return events.map(entityValueOf);
    },
  },
};
