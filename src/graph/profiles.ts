/**
 * Entity profiles
 *
 * One Cypher query fetches everything the API shows about a batch of entities: their own
 * properties, every cited relationship in either direction with the entity at the other end,
 * their literal facts and their registry identifiers, plus the sources those facts cite. Drug
 * lookups by id, name, brand or identifier, and entity lookups by identifier, are folded into
 * the same query, so a root field costs one round trip, and nested entities are batched per
 * request by a DataLoader.
 */
import type { SourceIndex } from '../model/citations.js';
import { PREDICATES } from '../model/predicates.js';
import { compact } from './compactCypher.js';
import { entityProjection } from './projections.js';
import { sourcesOfRows, VERSION_OF_GRAPH } from './sources.js';
import type { StoredEntity, StoredIdentifier, StoredLiteral, StoredRelation } from '../model/storedShapes.js';
import type { Reader, Statement } from '../neo4j/database.js';

export interface RelationRow {
  type: string;
  outgoing: boolean;
  props: StoredRelation;
  node: StoredEntity;
}

/**
 * What part of a profile to fetch: some relationship types (null for all), whether the literals
 * and identifiers, and how much of each neighbour and of the entity itself: `brief` is its id,
 * kind, name and date, all a selection that only names the entities at the other end needs.
 * Root lookups fetch only what the selection asks for. A profile with a brief entity is never
 * put in the request's loader, where fields would read its missing properties.
 */
export interface ProfileScope {
  types: string[] | null;
  literals: boolean;
  identifiers: boolean;
  neighbours: 'brief' | 'full';
  entity: 'brief' | 'full';
}

export const FULL_SCOPE: ProfileScope = {
  types: null,
  literals: true,
  identifiers: true,
  neighbours: 'full',
  entity: 'full',
};

export interface Profile {
  entity: StoredEntity;
  relations: RelationRow[];
  literals: StoredLiteral[];
  identifiers: StoredIdentifier[];
  /** The sources its citations name, by id (every source: one list serves a whole query). */
  sources: SourceIndex;
  /** What was fetched; a field needing more must fetch the full profile. */
  scope: ProfileScope;
}

/** Whether a profile fetched with `scope` holds everything `needed` asks for. */
export function covers(scope: ProfileScope, needed: Partial<ProfileScope>): boolean {
  const typesCovered =
    scope.types === null || (needed.types !== null && (needed.types ?? []).every((t) => scope.types!.includes(t)));
  return (
    typesCovered &&
    (!needed.literals || scope.literals) &&
    (!needed.identifiers || scope.identifiers) &&
    (needed.neighbours !== 'full' || scope.neighbours === 'full') &&
    (needed.entity !== 'full' || scope.entity === 'full')
  );
}

/** One lookup: exactly one of id, name key or identifier key is set. */
export interface DrugLookup {
  id?: string;
  key?: string;
  identifier?: string;
}

/**
 * The neighbour's fields the API can show; loader-only fields (the content hash, the search
 * texts) stay in Neo4j, which keeps the rows the driver unpacks small.
 */
const NEIGHBOUR = { full: entityProjection('o', 'full'), brief: entityProjection('o', 'brief') };

/** Relationship types go into the pattern (Neo4j then expands only those), so they are checked. */
function typePattern(types: string[] | null): string {
  if (types === null) return '';
  for (const type of types) if (!(type in PREDICATES)) throw new Error(`unknown relationship type ${type}`);
  return `:${types.join('|')}`;
}

/**
 * The profile of `e`, as much of it as `scope` asks for. The query text depends on the scope
 * only (a handful of shapes, each planned once by Neo4j); values always go in parameters.
 */
function profileProjection(scope: ProfileScope): string {
  const relations =
    scope.types?.length === 0
      ? '[]'
      : `COLLECT {
      MATCH (e)-[r${typePattern(scope.types)}]-(o:Entity)
      RETURN {type: type(r), outgoing: startNode(r) = e, props: properties(r), node: ${NEIGHBOUR[scope.neighbours]}}
      ORDER BY type(r), o.name, r.citeSection, r.citeParagraph, r.citeSentence, r.factId
    }`;
  const literals = scope.literals
    ? 'COLLECT { MATCH (e)-[:HAS_LITERAL]->(l:Literal) RETURN l {.*, contentHash: null} ORDER BY l.attribute, l.citeSection, l.citeParagraph, l.citeSentence, l.id }'
    : '[]';
  const identifiers = scope.identifiers
    ? 'COLLECT { MATCH (e)-[:HAS_IDENTIFIER]->(id:Identifier) RETURN id {.*, contentHash: null} ORDER BY id.namespace, id.value }'
    : '[]';
  return `{
    entity: ${entityProjection('e', scope.entity)},
    relations: ${relations},
    literals: ${literals},
    identifiers: ${identifiers}
  }`;
}

const ENTITY_PROFILES = compact(`
${VERSION_OF_GRAPH}
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
RETURN i, version, ${profileProjection(FULL_SCOPE)} AS profile`);

/**
 * Any kind of entity by identifier key. The key is unique, so at most one entity holds it; the
 * order and limit only keep the answer defined if a load ever broke that.
 */
const ENTITY_PROFILES_BY_IDENTIFIER = compact(`
${VERSION_OF_GRAPH}
UNWIND range(0, size($keys) - 1) AS i
CALL (i) {
  MATCH (:Identifier {key: $keys[i]})<-[:HAS_IDENTIFIER]-(e:Entity)
  RETURN e ORDER BY e.id LIMIT 1
}
// An entity asked for under several identifiers gets its profile built once.
WITH version, e, collect(i) AS positions
RETURN positions, version, ${profileProjection(FULL_SCOPE)} AS profile`);

/**
 * `l` is a lookup and `k` the rank of the way it found its drug (id, name, brand, identifier):
 * names kept short so that the statement of a typical selection fits one Bolt chunk.
 */
const drugProfilesText = (scope: ProfileScope) =>
  compact(`
${VERSION_OF_GRAPH}
UNWIND range(0, size($lookups) - 1) AS i
WITH version, i, $lookups[i] AS l
CALL (l) {
  CALL (l) {
    MATCH (d:Entity {id: l.id}) WHERE d:Drug RETURN d, 0 AS k
    UNION
    MATCH (:Name {key: l.key})-[:NAMES]->(d:Drug) RETURN d, 1 AS k
    UNION
    MATCH (:Name {key: l.key})-[:NAMES]->(:Brand)-[:BRAND_OF]->(d:Drug) RETURN d, 2 AS k
    UNION
    MATCH (:Identifier {key: l.identifier})<-[:HAS_IDENTIFIER]-(d:Drug) RETURN d, 3 AS k
  }
  RETURN d AS e ORDER BY k LIMIT 1
}
// A drug asked for several times (by name and by brand, say) gets its profile built once.
WITH version, e, collect(i) AS positions
RETURN positions, version, ${profileProjection(scope)} AS profile`);

const EVENT_PROFILES = compact(`
${VERSION_OF_GRAPH}
MATCH (e:Event)
WHERE ($from IS NULL OR coalesce(e.endYear, e.year) >= $from) AND ($to IS NULL OR e.year <= $to)
  AND ($entity IS NULL OR EXISTS { (:Entity {id: $entity})-[:PARTICIPATED_IN]->(e) })
WITH version, e ORDER BY e.year, coalesce(e.month, 0), coalesce(e.day, 0), e.id
WITH version, collect(e) AS events
UNWIND range(0, size(events) - 1) AS i
WITH version, i, events[i] AS e
RETURN i, version, ${profileProjection(FULL_SCOPE)} AS profile`);

type Row = { i: number; version: string | null; profile: Omit<Profile, 'scope' | 'sources'> };

/** The profiles of a query's rows, with the sources of the version they were read from. */
async function profilesOf<R extends Omit<Row, 'i'>>(
  database: Reader,
  rows: R[],
  scope: ProfileScope,
): Promise<Profile[]> {
  const sources = await sourcesOfRows(database, rows);
  return rows.map((row) => ({ ...row.profile, sources, scope }));
}

function inOrder(database: Reader, rows: Row[], count: number, scope: ProfileScope): Promise<(Profile | null)[]> {
  return placed(
    database,
    rows.map((row) => ({ ...row, positions: [row.i] })),
    count,
    scope,
  );
}

/** Puts each profile at every input position that asked for it; null where none did. */
async function placed(
  database: Reader,
  rows: (Omit<Row, 'i'> & { positions: number[] })[],
  count: number,
  scope: ProfileScope,
): Promise<(Profile | null)[]> {
  const results: (Profile | null)[] = Array.from({ length: count }, () => null);
  const profiles = await profilesOf(database, rows, scope);
  rows.forEach((row, r) => {
    for (const position of row.positions) results[position] = profiles[r]!;
  });
  return results;
}

export async function entityProfiles(database: Reader, ids: readonly string[]): Promise<(Profile | null)[]> {
  const rows = await database.read<Row>({
    name: 'entity profiles',
    cypher: ENTITY_PROFILES,
    params: { ids },
  });
  return inOrder(database, rows, ids.length, FULL_SCOPE);
}

/** Full profiles of the entities holding these identifier keys, in key order; null where none does. */
export async function entityProfilesByIdentifier(
  database: Reader,
  keys: readonly string[],
): Promise<(Profile | null)[]> {
  const rows = await database.read<Omit<Row, 'i'> & { positions: number[] }>({
    name: 'entity profiles by identifier',
    cypher: ENTITY_PROFILES_BY_IDENTIFIER,
    params: { keys },
  });
  return placed(database, rows, keys.length, FULL_SCOPE);
}

/** The statement text per scope, built once: a handful of scopes occur. */
const drugProfileTexts = new Map<string, string>();
function drugProfilesCypher(scope: ProfileScope): string {
  const key = JSON.stringify(scope);
  let text = drugProfileTexts.get(key);
  if (text === undefined) drugProfileTexts.set(key, (text = drugProfilesText(scope)));
  return text;
}

/** The drug-profiles statement for these lookups (the benchmark's raw-driver run sends the same). */
export function drugProfilesStatement(lookups: DrugLookup[], scope: ProfileScope): Statement {
  return {
    name: 'drug profiles',
    cypher: drugProfilesCypher(scope),
    params: {
      // Only the way each lookup is asked: a missing key reads as null in Cypher, and a batch of
      // names sent its nulls too took the statement past one Bolt chunk.
      lookups: lookups.map((l) =>
        Object.fromEntries(
          Object.entries({ id: l.id, key: l.key, identifier: l.identifier }).filter(([, v]) => v != null),
        ),
      ),
    },
  };
}

export async function drugProfiles(
  database: Reader,
  lookups: DrugLookup[],
  scope: ProfileScope = FULL_SCOPE,
): Promise<(Profile | null)[]> {
  const rows = await database.read<Omit<Row, 'i'> & { positions: number[] }>(drugProfilesStatement(lookups, scope));
  return placed(database, rows, lookups.length, scope);
}

export interface TimelineFilter {
  entity: string | null;
  from: number | null;
  to: number | null;
}

/** Events in date order with their profiles (participants included), in one round trip. */
export async function eventProfiles(database: Reader, filter: TimelineFilter): Promise<Profile[]> {
  const rows = await database.read<Row>({
    name: 'event profiles',
    cypher: EVENT_PROFILES,
    params: { ...filter },
  });
  return profilesOf(
    database,
    rows.sort((a, b) => a.i - b.i),
    FULL_SCOPE,
  );
}
