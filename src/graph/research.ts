/**
 * Research queries
 *
 * The traversals researchers ask for: drugs sharing targets, affinities compared at one
 * target, shortest paths and neighbourhoods. Each is one parameterized Cypher statement that
 * returns the data version it read, whose sources (src/graph/sources.ts) its citations resolve
 * against. Only cited relationships between entities are walked, never the lookup scaffolding
 * (names, literals, identifiers): every relationship between two entities is a fact (the
 * loader writes no other, seed/loadGraph.ts), and the scaffolding nodes are not entities.
 */
import { int } from 'neo4j-driver';
import type { SourceIndex } from '../model/citations.js';
import type { StoredEntity, StoredRelation } from '../model/storedShapes.js';
import type { Reader, Statement } from '../neo4j/database.js';
import { compact } from './compactCypher.js';
import { entityProjection } from './projections.js';
import { sourcesOfRows, VERSION_OF_GRAPH } from './sources.js';

export interface HopRow {
  type: string;
  startId: string;
  props: StoredRelation;
}

export interface SharedTargetRow {
  target: StoredEntity;
  drug: StoredEntity;
  relation: StoredRelation;
  ownActions: string[];
  /** The asked drug's statement ids for the target. */
  ownIds: string[];
  affinities: StoredRelation[];
}

export interface AffinityRow {
  drug: StoredEntity;
  target: StoredEntity;
  relation: StoredRelation;
}

export interface PathRow {
  nodes: StoredEntity[];
  /** Per hop, every statement linking its two entities. */
  hops: (HopRow & { endId: string })[][];
}

export interface NeighbourhoodRow {
  centre: StoredEntity;
  nodes: StoredEntity[];
  edges: (HopRow & { endId: string })[];
}

type WithSources<T> = T & { sources: SourceIndex };

/** The rows of `statement`, each with the sources of the data version they were read from. */
async function withSources<T>(database: Reader, statement: Statement): Promise<WithSources<T>[]> {
  const rows = await database.read<T & { version: string | null }>(statement);
  const sources = await sourcesOfRows(database, rows);
  return rows.map(({ version: _version, ...row }) => ({ ...(row as T), sources }));
}

const SHARED_TARGETS = compact(`${VERSION_OF_GRAPH}
MATCH (d:Drug {id: $drug})-[own:ACTS_ON]->(t:Target)<-[r:ACTS_ON]-(o:Drug)
WHERE o <> d
WITH version, t, o, r, collect(DISTINCT own.action) AS ownActions, collect(DISTINCT own.factId) AS ownIds
RETURN version, ${entityProjection('t', 'full')} AS target, ${entityProjection('o', 'full')} AS drug, properties(r) AS relation, ownActions, ownIds,
       COLLECT { MATCH (o)-[a:HAS_AFFINITY_FOR]->(t) RETURN properties(a) ORDER BY a.value } AS affinities
ORDER BY t.id, o.name, r.factId`);

const COMPARE_AFFINITY = compact(`${VERSION_OF_GRAPH}
MATCH (d:Drug)-[a:HAS_AFFINITY_FOR]->(t:Target {id: $target})
RETURN version, ${entityProjection('d', 'full')} AS drug, ${entityProjection('t', 'full')} AS target, properties(a) AS relation
ORDER BY a.unit, a.value, d.name`);

/**
 * Shortest paths up to the API's hard cap of 5 hops over the allowed types, one row per distinct
 * sequence of entities (parallel statements do not make more paths), each hop with every
 * allowed statement between its two entities. The caller ranks them and filters by maxHops.
 */
const PATHS = compact(`${VERSION_OF_GRAPH}
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..5]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
WITH DISTINCT version, nodes(p) AS ns
LIMIT $scan
CALL (ns) {
  UNWIND range(0, size(ns) - 2) AS i
  WITH i, ns[i] AS x, ns[i + 1] AS y
  MATCH (x)-[r]-(y) WHERE type(r) IN $types
  WITH i, r ORDER BY coalesce(r.evidenceCount, 1) DESC, r.factId
  WITH i, collect({type: type(r), startId: startNode(r).id, endId: endNode(r).id, props: properties(r)}) AS statements
  ORDER BY i
  RETURN collect(statements) AS hops
}
RETURN version, [n IN ns | ${entityProjection('n', 'full')}] AS nodes, hops`);

/** Most distinct entity sequences read before ranking. */
const MAX_PATHS_SCANNED = 200;

/** Whether a relationship between two entities (a fact) may be walked: any, or one of $types. */
const WALKABLE = `($types IS NULL OR type(r) IN $types)`;

/**
 * One statement per depth. The walk is breadth-first, one level at a time, keeping each
 * entity once per level: a variable-length pattern would enumerate every path instead (all
 * the ways to reach an entity), which at depth 2 from baclofen is thousands of paths for about
 * a hundred entities. Edges are then read from the members outwards, never by scanning.
 */
export interface NeighbourhoodDetail {
  /** Entities as id, kind, name and date only. */
  briefEntities: boolean;
  /** Edges with their qualifiers and citation (else the fact id only). */
  edgeProperties: boolean;
}

function neighbourhoodStatement(depth: 1 | 2 | 3, detail: NeighbourhoodDetail): string {
  const levels = Array.from({ length: depth }, (_, i) =>
    i === 0
      ? `WITH version, c, COLLECT { MATCH (c)-[r]-(n:Entity) WHERE ${WALKABLE} RETURN DISTINCT n } AS level1`
      : `WITH version, c, ${range(i).join(', ')}, COLLECT { UNWIND level${i} AS m MATCH (m)-[r]-(n:Entity) WHERE ${WALKABLE} RETURN DISTINCT n } AS level${i + 1}`,
  );
  const all = range(depth).join(' + ');
  const entity = (v: string) => entityProjection(v, detail.briefEntities ? 'brief' : 'full');
  // An edge comes as a list, [type, start id, end id, properties], which the driver unpacks in
  // three quarters of a map's time (no keys); without its properties it carries its fact id
  // alone. neighbourhood() makes each an edge row.
  const edgeProps = detail.edgeProperties ? 'properties(r)' : 'r.factId';
  return compact(`${VERSION_OF_GRAPH}
MATCH (c:Entity {id: $id})
${levels.join('\n')}
WITH version, c, COLLECT {
  UNWIND ${all} AS n
  WITH DISTINCT n WHERE n <> c
  RETURN n ORDER BY n.kind, n.name LIMIT $maxNodes
} AS reached
WITH version, c, [c] + reached AS members
RETURN version, ${entity('c')} AS centre, [n IN members | ${entity('n')}] AS nodes,
       COLLECT {
         UNWIND members AS x
         MATCH (x)-[r]->(y:Entity)
         WHERE y IN members AND ${WALKABLE}
         RETURN [type(r), x.id, y.id, ${edgeProps}] ORDER BY x.id, type(r), y.id, r.factId
       } AS edges`);
}

/** The statements by depth and detail, built once each. */
const NEIGHBOURHOOD = new Map<string, string>();

/** level1, level2, ... up to levelN. */
function range(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `level${i + 1}`);
}

export const MAX_NEIGHBOURHOOD_NODES = 500;

export async function sharedTargets(database: Reader, drug: string) {
  return withSources<SharedTargetRow>(database, {
    name: 'shared targets',
    cypher: SHARED_TARGETS,
    params: { drug },
  });
}

export async function compareAffinity(database: Reader, target: string) {
  return withSources<AffinityRow>(database, {
    name: 'compare affinity',
    cypher: COMPARE_AFFINITY,
    params: { target },
  });
}

/**
 * The distinct shortest paths over `types` (all shortest paths have one length, so those longer
 * than maxHops are dropped after the query).
 */
export async function shortestPaths(database: Reader, from: string, to: string, maxHops: number, types: string[]) {
  const rows = await withSources<PathRow>(database, {
    name: 'paths',
    cypher: PATHS,
    params: { from, to, types, scan: int(MAX_PATHS_SCANNED) },
  });
  return rows.filter((row) => row.hops.length <= maxHops);
}

export async function neighbourhood(
  database: Reader,
  id: string,
  depth: 1 | 2 | 3,
  types: string[] | null,
  detail: NeighbourhoodDetail = { briefEntities: false, edgeProperties: true },
) {
  const key = `${depth} ${detail.briefEntities} ${detail.edgeProperties}`;
  if (!NEIGHBOURHOOD.has(key)) NEIGHBOURHOOD.set(key, neighbourhoodStatement(depth, detail));
  const [row] = await withSources<NeighbourhoodRow>(database, {
    name: `neighbourhood depth ${depth}`,
    cypher: NEIGHBOURHOOD.get(key)!,
    params: { id, types, maxNodes: int(MAX_NEIGHBOURHOOD_NODES) },
  });
  if (!row) return null;
  const edges = row.edges as unknown as [string, string, string, StoredRelation | string][];
  return {
    ...row,
    edges: edges.map(([type, startId, endId, props]) => ({
      type,
      startId,
      endId,
      props: typeof props === 'string' ? ({ factId: props } as StoredRelation) : props,
    })),
  };
}
