/**
 * Research queries
 *
 * The traversals researchers ask for: drugs sharing targets, affinities compared at one
 * target, shortest paths and neighbourhoods. Each is one parameterized Cypher statement that
 * returns the sources too, so citations resolve without another round trip. Only cited
 * relationships between entities are walked, never the lookup scaffolding (names, literals,
 * identifiers).
 */
import { int } from 'neo4j-driver';
import { PREDICATES } from '../../seed/model.js';
import type { Reader } from '../neo4j/database.js';
import type { SourceRow } from './citations.js';
import type { StoredEntity, StoredRelation } from './storedShapes.js';

/** The relationship types of facts, as a Cypher type expression (from the closed set in the model). */
const FACT_TYPES = Object.keys(PREDICATES).join('|');

const SOURCES = 'CALL () { MATCH (s:Source) RETURN collect(properties(s)) AS sources }';

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
  affinities: StoredRelation[];
}

export interface AffinityRow {
  drug: StoredEntity;
  target: StoredEntity;
  relation: StoredRelation;
}

export interface PathRow {
  nodes: StoredEntity[];
  hops: HopRow[];
}

export interface NeighbourhoodRow {
  centre: StoredEntity;
  nodes: StoredEntity[];
  edges: (HopRow & { endId: string })[];
}

type WithSources<T> = T & { sources: SourceRow[] };

const SHARED_TARGETS = `${SOURCES}
MATCH (d:Drug {id: $drug})-[own:ACTS_ON]->(t:Target)<-[r:ACTS_ON]-(o:Drug)
WHERE o <> d
WITH sources, t, o, r, collect(DISTINCT own.action) AS ownActions
RETURN sources, properties(t) AS target, properties(o) AS drug, properties(r) AS relation, ownActions,
       COLLECT { MATCH (o)-[a:HAS_AFFINITY_FOR]->(t) RETURN properties(a) ORDER BY a.value } AS affinities
ORDER BY t.id, o.name, r.factId`;

const COMPARE_AFFINITY = `${SOURCES}
MATCH (d:Drug)-[a:HAS_AFFINITY_FOR]->(t:Target {id: $target})
RETURN sources, properties(d) AS drug, properties(t) AS target, properties(a) AS relation
ORDER BY a.unit, a.value, d.name`;

/** Shortest paths up to the API's hard cap of 5 hops; the caller's maxHops filters below it. */
const PATHS = `${SOURCES}
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:${FACT_TYPES}*..5]-(b))
WITH sources, p
ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | r.factId]
LIMIT $first
RETURN sources, [n IN nodes(p) | properties(n)] AS nodes,
       [r IN relationships(p) | {type: type(r), startId: startNode(r).id, props: properties(r)}] AS hops`;

/** One statement per depth, as variable-length bounds cannot be parameters. */
const NEIGHBOURHOOD = [1, 2, 3].map(
  (depth) => `${SOURCES}
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[rs:${FACT_TYPES}*1..${depth}]-(n:Entity)
  WHERE $types IS NULL OR all(r IN rs WHERE type(r) IN $types)
  WITH DISTINCT n ORDER BY n.kind, n.name
  RETURN collect(n)[0..$maxNodes] AS reached
}
WITH sources, c, [c] + [n IN reached WHERE n <> c] AS members
RETURN sources, properties(c) AS centre, [n IN members | properties(n)] AS nodes,
       COLLECT {
         MATCH (x:Entity)-[r:${FACT_TYPES}]->(y:Entity)
         WHERE x IN members AND y IN members AND ($types IS NULL OR type(r) IN $types)
         RETURN {type: type(r), startId: x.id, endId: y.id, props: properties(r)} ORDER BY x.id, type(r), y.id, r.factId
       } AS edges`,
);

export const MAX_NEIGHBOURHOOD_NODES = 500;

export async function sharedTargets(database: Reader, drug: string) {
  return database.read<WithSources<SharedTargetRow>>({
    name: 'shared targets',
    cypher: SHARED_TARGETS,
    params: { drug },
  });
}

export async function compareAffinity(database: Reader, target: string) {
  return database.read<WithSources<AffinityRow>>({
    name: 'compare affinity',
    cypher: COMPARE_AFFINITY,
    params: { target },
  });
}

/** All shortest paths have one length, so those longer than maxHops are dropped after the query. */
export async function shortestPaths(database: Reader, from: string, to: string, maxHops: number, first: number) {
  const rows = await database.read<WithSources<PathRow>>({
    name: 'paths',
    cypher: PATHS,
    params: { from, to, first: int(first) },
  });
  return rows.filter((row) => row.hops.length <= maxHops);
}

export async function neighbourhood(database: Reader, id: string, depth: 1 | 2 | 3, types: string[] | null) {
  const [row] = await database.read<WithSources<NeighbourhoodRow>>({
    name: `neighbourhood depth ${depth}`,
    cypher: NEIGHBOURHOOD[depth - 1]!,
    params: { id, types, maxNodes: int(MAX_NEIGHBOURHOOD_NODES) },
  });
  return row ?? null;
}
