/**
 * Load plan
 *
 * What a load has to change: the difference between the graph rows of the data and what Neo4j
 * already holds, keyed by the ids and content hashes the loader stores. Unchanged nodes and
 * facts are not touched, so reloading a large graph after a small edit writes only the edit.
 * Pure: the stored state comes in, the plan goes out.
 */
import type { Predicate } from '../src/model/predicates.js';
import type { EntityKind } from '../src/model/vocabulary.js';
import type { GraphRows, RelationRow } from './toGraph.js';

/** What Neo4j holds, as the loader needs it to compare. */
export interface StoredState {
  sources: Map<string, string>;
  entities: Map<string, string>;
  /** Name key to the ids of the entities it names. */
  names: Map<string, Set<string>>;
  identifiers: Map<string, string>;
  literals: Map<string, string>;
  /** Statement id to relationship type and content hash (a changed one is deleted and written anew). */
  relations: Map<string, { type: string; hash: string }>;
}

export const emptyState = (): StoredState => ({
  sources: new Map(),
  entities: new Map(),
  names: new Map(),
  identifiers: new Map(),
  literals: new Map(),
  relations: new Map(),
});

export type NamePair = { key: string; entity: string };

/** Node labels the plan deletes by key, in the order they go. */
export type KeyedLabel = 'Identifier' | 'Literal' | 'Name' | 'Entity' | 'Source';

export interface LoadPlan {
  removeRelations: Map<string, string[]>;
  removeNamePairs: NamePair[];
  /** Removed nodes, and changed identifiers and literals (deleted, then written anew). */
  removeNodes: Map<KeyedLabel, string[]>;
  putSources: GraphRows['sources'];
  addEntities: GraphRows['entities'];
  changeEntities: GraphRows['entities'];
  addNames: string[];
  addNamePairs: NamePair[];
  addIdentifiers: GraphRows['identifiers'];
  addLiterals: GraphRows['literals'];
  addRelations: Map<Predicate, RelationRow[]>;
  /** Nodes and relationships that the data no longer has (changed ones are not counted). */
  removed: { nodes: number; relationships: number };
  /** Rows written, all kinds together. */
  writes: number;
}

/** Splits rows into the ones Neo4j lacks and the ones it holds with other content. */
function compare<T extends { hash: string }>(rows: T[], keyOf: (row: T) => string, stored: Map<string, string>) {
  const added: T[] = [];
  const changed: T[] = [];
  for (const row of rows) {
    const hash = stored.get(keyOf(row));
    if (hash === undefined) added.push(row);
    else if (hash !== row.hash) changed.push(row);
  }
  return { added, changed };
}

const missingFrom = (stored: Iterable<string>, wanted: Set<string>) => [...stored].filter((key) => !wanted.has(key));

export function planLoad(rows: GraphRows, stored: StoredState): LoadPlan {
  const entityRows = [...rows.entities.values()].flat();
  const wantedEntities = new Set(entityRows.map((e) => e.id));
  const addEntities: GraphRows['entities'] = new Map();
  const changeEntities: GraphRows['entities'] = new Map();
  for (const [kind, list] of rows.entities) {
    const { added, changed } = compare(list, (e) => e.id, stored.entities);
    addEntities.set(kind as EntityKind, added);
    changeEntities.set(kind as EntityKind, changed);
  }

  const wantedNames = new Map<string, Set<string>>();
  for (const { key, entity } of rows.names) {
    const set = wantedNames.get(key) ?? new Set<string>();
    set.add(entity);
    wantedNames.set(key, set);
  }
  const addNamePairs: NamePair[] = [];
  for (const [key, entities] of wantedNames) {
    const have = stored.names.get(key);
    for (const entity of entities) if (!have?.has(entity)) addNamePairs.push({ key, entity });
  }
  const removeNamePairs: NamePair[] = [];
  for (const [key, entities] of stored.names) {
    const want = wantedNames.get(key);
    for (const entity of entities) if (!want?.has(entity)) removeNamePairs.push({ key, entity });
  }

  const identifiers = compare(rows.identifiers, (i) => i.key, stored.identifiers);
  const literals = compare(rows.literals, (l) => l.id, stored.literals);
  const sources = compare(rows.sources, (s) => s.id, stored.sources);

  const wantedFacts = new Set<string>();
  const addRelations = new Map<Predicate, RelationRow[]>();
  const removeRelations = new Map<string, string[]>();
  const removeFact = (type: string, factId: string) =>
    removeRelations.set(type, [...(removeRelations.get(type) ?? []), factId]);
  let resourced = 0;
  for (const [type, list] of rows.relations) {
    const added: RelationRow[] = [];
    for (const r of list) {
      wantedFacts.add(r.factId);
      const have = stored.relations.get(r.factId);
      if (have && have.type === type && have.hash === r.hash) continue;
      if (have) {
        removeFact(have.type, r.factId);
        resourced += 1;
      }
      added.push(r);
    }
    addRelations.set(type, added);
  }
  for (const [factId, { type }] of stored.relations) if (!wantedFacts.has(factId)) removeFact(type, factId);

  const gone = {
    Identifier: missingFrom(stored.identifiers.keys(), new Set(rows.identifiers.map((i) => i.key))),
    Literal: missingFrom(stored.literals.keys(), new Set(rows.literals.map((l) => l.id))),
    Name: missingFrom(stored.names.keys(), new Set(wantedNames.keys())),
    Entity: missingFrom(stored.entities.keys(), wantedEntities),
    Source: missingFrom(stored.sources.keys(), new Set(rows.sources.map((s) => s.id))),
  };
  const removeNodes = new Map<KeyedLabel, string[]>([
    ['Identifier', [...gone.Identifier, ...identifiers.changed.map((i) => i.key)]],
    ['Literal', [...gone.Literal, ...literals.changed.map((l) => l.id)]],
    ['Name', gone.Name],
    ['Entity', gone.Entity],
    ['Source', gone.Source],
  ]);
  // Facts gone from the data, and the edges to identifiers and literals gone with their nodes.
  const removedRelationships =
    [...removeRelations.values()].reduce((n, list) => n + list.length, 0) -
    resourced +
    gone.Identifier.length +
    gone.Literal.length;

  const plan: Omit<LoadPlan, 'writes'> = {
    removeRelations,
    removeNamePairs,
    removeNodes,
    putSources: [...sources.added, ...sources.changed],
    addEntities,
    changeEntities,
    addNames: [...wantedNames.keys()].filter((key) => !stored.names.has(key)),
    addNamePairs,
    addIdentifiers: [...identifiers.added, ...identifiers.changed],
    addLiterals: [...literals.added, ...literals.changed],
    addRelations,
    removed: {
      nodes: Object.values(gone).reduce((n, list) => n + list.length, 0),
      relationships: removedRelationships + removeNamePairs.length,
    },
  };
  const sizes = [
    ...plan.removeRelations.values(),
    plan.removeNamePairs,
    ...plan.removeNodes.values(),
    plan.putSources,
    ...plan.addEntities.values(),
    ...plan.changeEntities.values(),
    plan.addNames,
    plan.addNamePairs,
    plan.addIdentifiers,
    plan.addLiterals,
    ...plan.addRelations.values(),
  ].map((list) => list.length);
  return { ...plan, writes: sizes.reduce((a, b) => a + b, 0) };
}
