/**
 * Research resolvers
 *
 * sharedTargets, compareAffinity, paths, neighbourhood and timeline: argument checks (a bad
 * argument is BAD_USER_INPUT with the reason), one query each, rows mapped to API objects.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { eventProfiles } from '../graph/profiles.js';
import * as research from '../graph/research.js';
import { firstCitation, relationQualifiers, toCitations, type SourceIndex } from '../model/citations.js';
import { NEGATIVE_PREDICATES, PREDICATES } from '../model/predicates.js';
import type { Predicate } from '../model/predicates.js';
import type { StoredEntity, StoredRelation } from '../model/storedShapes.js';
import { badInput, inRange } from './arguments.js';
import type { Context } from './context.js';
import { asksBeyond, entitiesBrief } from './drugScope.js';
import { relationType, requiredProp } from './entityResolvers.js';
import type { Polarity, Resolvers } from './generated/resolvers.js';
import { relationStatement, shortId } from './statements.js';
import { entityValue, type GraphEdgeValue } from './values.js';

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
    ...relationStatement(relation, sources),
  };
}

/** A statement as an edge: its stored direction, and its qualifiers and citations when asked. */
const edgeOf = (row: research.HopRow & { endId: string }, sources: SourceIndex): GraphEdgeValue => ({
  id: row.props.factId,
  source: row.startId,
  target: row.endId,
  type: row.type as Predicate,
  props: row.props,
  sources,
});

const evidenceCountOf = (props: StoredRelation) => Number(props.evidenceCount ?? 1);
const isDirect = (props: StoredRelation) => Number(props.directEvidenceCount ?? 1) > 0;

/** One hop of a path: every statement between its two entities, the best supported first. */
function hop(
  statements: (research.HopRow & { endId: string })[],
  from: StoredEntity,
  to: StoredEntity,
  sources: SourceIndex,
) {
  const first = statements[0]!;
  return {
    id: shortId('hop', [from.id, to.id, ...statements.map((r) => r.props.factId)]),
    from: entityValue(from, sources),
    to: entityValue(to, sources),
    type: relationType(first),
    direction: first.startId === from.id ? ('OUTGOING' as const) : ('INCOMING' as const),
    qualifiers: relationQualifiers(first.props),
    citation: firstCitation(first.props, sources),
    statements: statements.map((r) => edgeOf(r, sources)),
    citations: statements.flatMap((r) => toCitations(r.props, sources)),
    evidenceCount: statements.reduce((n, r) => n + evidenceCountOf(r.props), 0),
  };
}

/** The relationship types a path may walk: those asked for, and never negative ones unless asked. */
function walkableTypes(relationTypes: string[] | null | undefined, includeNegative: boolean): string[] {
  const allowed = (Object.keys(PREDICATES) as Predicate[]).filter(
    (p) => includeNegative || !NEGATIVE_PREDICATES.includes(p),
  );
  return relationTypes ? allowed.filter((t) => relationTypes.includes(t)) : allowed;
}

/** A row of `shortestPaths`: a path's entities, its hops' statements, and the sources they cite. */
type PathRow = Awaited<ReturnType<typeof research.shortestPaths>>[number];

/** What a path is ranked by, read from its row's counts before any API object is built. */
function rankOf(row: PathRow) {
  return {
    length: row.hops.length,
    evidenceCount: row.hops.flat().reduce((n, r) => n + evidenceCountOf(r.props), 0),
    directHops: row.hops.filter((statements) => statements.some((r) => isDirect(r.props))).length,
    key: row.nodes.map((n) => n.id).join(' '),
  };
}

/** The ranking the schema states: fewest hops, most evidence, most direct, then entity ids. */
function comparePaths(a: ReturnType<typeof rankOf>, b: ReturnType<typeof rankOf>): number {
  return (
    a.length - b.length ||
    b.evidenceCount - a.evidenceCount ||
    b.directHops - a.directHops ||
    a.key.localeCompare(b.key)
  );
}

/** A path as the API shows it, each hop with all of its statements. */
function pathOf(row: PathRow) {
  const sources = row.sources;
  const hops = row.hops.map((statements, i) => hop(statements, row.nodes[i]!, row.nodes[i + 1]!, sources));
  return {
    id: shortId(
      'path',
      hops.map((h) => h.id),
    ),
    length: hops.length,
    nodes: row.nodes.map((n) => entityValue(n, sources)),
    hops,
    evidenceCount: hops.reduce((n, h) => n + h.evidenceCount, 0),
  };
}

export const researchResolvers: Resolvers = {
  // Qualifiers and citations are built only when asked for: a large neighbourhood often is not.
  GraphEdge: {
    qualifiers: (edge) => relationQualifiers(edge.props),
    citation: (edge) => firstCitation(edge.props, edge.sources),
    citations: (edge) => toCitations(edge.props, edge.sources),
    polarity: (edge) => PREDICATES[edge.type].polarity.toUpperCase() as Polarity,
    evidenceCount: (edge) => evidenceCountOf(edge.props),
  },
  Query: {
    sharedTargets: async (_: unknown, args: { drug: string }, context: Context) => {
      const rows = await research.sharedTargets(context.database, args.drug);
      return rows.map((row) => {
        const sources = row.sources;
        return {
          target: entityValue(row.target, sources),
          drug: entityValue(row.drug, sources),
          action: requiredProp(row.relation, 'action'),
          ownAction: row.ownActions.join(', '),
          affinities: row.affinities.map((a) => affinity(row.drug, row.target, a, sources)),
          ...relationStatement(row.relation, sources),
          id: `${row.relation.factId}~${row.ownIds.join('+')}`,
        };
      });
    },
    compareAffinity: async (_: unknown, args: { target: string }, context: Context) => {
      const rows = await research.compareAffinity(context.database, args.target);
      return rows.map((row) => affinity(row.drug, row.target, row.relation, row.sources));
    },
    paths: async (
      _: unknown,
      args: {
        from: string;
        to: string;
        maxHops: number;
        first: number;
        relationTypes?: string[] | null;
        includeNegative?: boolean | null;
      },
      context: Context,
    ) => {
      const maxHops = inRange('maxHops', args.maxHops, 1, LIMITS.maxHops);
      const first = inRange('first', args.first, 1, LIMITS.paths);
      if (args.from === args.to) throw badInput('from and to must be different entities');
      const types = walkableTypes(args.relationTypes, args.includeNegative ?? false);
      if (types.length === 0) return [];
      const rows = await research.shortestPaths(context.database, args.from, args.to, maxHops, types);
      // Ranked on the rows' counts; only the paths returned are built, citations and all.
      return rows
        .map((row) => ({ row, rank: rankOf(row) }))
        .sort((a, b) => comparePaths(a.rank, b.rank))
        .slice(0, first)
        .map(({ row }) => pathOf(row));
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
      const sources = row.sources;
      return {
        centre: entityValue(row.centre, sources),
        nodes: row.nodes.map((n) => entityValue(n, sources)),
        edges: row.edges.map((e) => edgeOf(e, sources)),
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
