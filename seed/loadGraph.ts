/**
 * Loading the graph
 *
 * Makes the graph equal the data by writing only the difference (seed/loadPlan.ts) between the
 * data and what Neo4j holds, then stamping the data version on the Meta node.
 *
 * - Every load runs in one transaction that first takes the load lock (src/neo4j/meta.ts): a
 *   second loader waits for the first to commit or fail, then plans against what it left. That
 *   transaction alone stamps the version, so no loader stamps a graph it did not finish.
 * - When a graph is loaded already, the whole change, state read included, is that
 *   transaction: readers see the old graph until it commits, and a load that fails or is killed
 *   leaves the old graph as it was. Before committing a change, the loader announces the switch
 *   and waits until API processes have paused their reads (seed/announcedSwitch.ts), so no read
 *   sees a commit half applied. Its transaction state grows with the size of the change; the
 *   state read (ids and hashes, a few dozen bytes a row) with the graph.
 * - Into a database with no graph yet, the rows go in batches of their own transactions, so a
 *   first load of any size fits in a small heap, while the lock's transaction stays open and
 *   stamps the version last. Until then `/ready` answers 503 and API reads wait; a run that is
 *   killed leaves rows (and no version) that the next run compares against and completes.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { PREDICATES } from '../src/model/predicates.js';
import { ENTITY_KINDS } from '../src/model/vocabulary.js';
import type { Database, Statement } from '../src/neo4j/database.js';
import { storedEvidence } from '../src/model/citations.js';
import type { StoredStatement } from '../src/model/storedShapes.js';
import {
  DEFAULT_SWITCH_NOTICE_MS,
  lockGraph,
  writeMeta,
  type LoadStamp,
  type SourceCounts,
} from '../src/neo4j/meta.js';
import { AnnouncedSwitch } from './announcedSwitch.js';
import { emptyState, planLoad, type LoadPlan, type StoredState } from './loadPlan.js';
import { evidenceTotal, type GraphRows } from './toGraph.js';

const BATCH = 2_000;
/** Labels and relationship types come from the closed sets in src/model, never from input. */
const SAFE_NAME = /^[A-Z][A-Za-z_]*$/;

export function schemaStatements(): Statement[] {
  const unique = (label: string, property: string): Statement => ({
    name: `constraint ${label}.${property}`,
    cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_${property}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`,
  });
  return [
    unique('Entity', 'id'),
    unique('Name', 'key'),
    unique('Identifier', 'key'),
    unique('Literal', 'id'),
    unique('Source', 'id'),
    unique('Meta', 'id'),
    {
      name: 'fulltext entity_search',
      cypher:
        "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.synonymsText, n.brandNames] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } }",
    },
    { name: 'index Entity.kind', cypher: 'CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)' },
    ...Object.keys(PREDICATES).map((type) => ({
      name: `index ${type}.factId`,
      cypher: `CREATE INDEX rel_${type.toLowerCase()}_fact IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.factId)`,
    })),
  ];
}

export async function applySchema(database: Database): Promise<void> {
  for (const statement of schemaStatements()) await database.runSchema(statement);
  await database.runSchema({ name: 'await indexes', cypher: 'CALL db.awaitIndexes(60)' });
}

export interface LoadSummary {
  version: string;
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  removed: { nodes: number; relationships: number };
  /** Rows the load wrote or deleted: 0 when the graph already held the data. */
  writes: number;
  /** One transaction (a graph was loaded), or batches (a first load). */
  mode: 'one transaction' | 'batches';
}

export interface LoadOptions {
  onProgress?: (message: string) => void;
  /** Fault tests only: keep the load's transaction open this long, its writes done, before committing. */
  holdOpenMs?: number;
  /**
   * How long API processes need between a switch's announcement and its commit: their
   * `switchNoticeMs` (DATA_VERSION_POLL_MS + SWITCH_GRACE_MS). @default DEFAULT_SWITCH_NOTICE_MS
   */
  switchNoticeMs?: number;
}

type Rows = Record<string, unknown>[];
/** Runs a statement over rows, in slices of BATCH; how slices map to transactions is the caller's. */
type Write = (cypher: string, rows: unknown[]) => Promise<void>;
type Query = (cypher: string) => Promise<Rows>;

const inBatches = async (rows: unknown[], run: (slice: unknown[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += BATCH) await run(rows.slice(i, i + BATCH));
};

async function readState(query: Query): Promise<StoredState> {
  const state = emptyState();
  const pairs = async (cypher: string, into: Map<string, string>) => {
    for (const row of await query(cypher)) into.set(row.k as string, row.v as string);
  };
  await pairs('MATCH (n:Source) RETURN n.id AS k, n.contentHash AS v', state.sources);
  await pairs('MATCH (n:Entity) RETURN n.id AS k, n.contentHash AS v', state.entities);
  await pairs('MATCH (n:Identifier) RETURN n.key AS k, n.contentHash AS v', state.identifiers);
  await pairs('MATCH (n:Literal) RETURN n.id AS k, n.contentHash AS v', state.literals);
  for (const row of await query(
    'MATCH (:Entity)-[r]->(:Entity) RETURN r.factId AS k, type(r) AS t, r.contentHash AS h',
  )) {
    state.relations.set(row.k as string, { type: row.t as string, hash: row.h as string });
  }
  for (const row of await query(
    'MATCH (n:Name) RETURN n.key AS k, COLLECT { MATCH (n)-[:NAMES]->(e:Entity) RETURN e.id } AS v',
  )) {
    state.names.set(row.k as string, new Set(row.v as string[]));
  }
  return state;
}

const safe = (name: string) => {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe label or type ${name}`);
  return name;
};

const KEY_OF = { Identifier: 'key', Literal: 'id', Name: 'key', Entity: 'id', Source: 'id' } as const;

/**
 * Applies a plan: deletions first, then nodes, then what hangs on them. Writes MERGE although
 * the plan says what is absent: a batch the driver retries after a commit whose answer was lost,
 * or another loader running at the same time, must not create anything twice.
 */
async function applyPlan(plan: LoadPlan, write: Write): Promise<void> {
  for (const [type, factIds] of plan.removeRelations) {
    await write(`UNWIND $rows AS id MATCH ()-[r:${safe(type)} {factId: id}]->() DELETE r`, factIds);
  }
  await write(
    'UNWIND $rows AS row MATCH (:Name {key: row.key})-[r:NAMES]->(:Entity {id: row.entity}) DELETE r',
    plan.removeNamePairs,
  );
  for (const [label, keys] of plan.removeNodes) {
    await write(`UNWIND $rows AS key MATCH (n:${label} {${KEY_OF[label]}: key}) DETACH DELETE n`, keys);
  }
  await write(
    'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s = row.props, s.contentHash = row.hash',
    plan.putSources,
  );
  const kindLabels = ENTITY_KINDS.map(safe).join(':');
  for (const kind of ENTITY_KINDS) {
    await write(
      `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e = row.props, e.contentHash = row.hash, e:${safe(kind)}`,
      plan.addEntities.get(kind) ?? [],
    );
    await write(
      `UNWIND $rows AS row MATCH (e:Entity {id: row.id})
       SET e = row.props, e.contentHash = row.hash REMOVE e:${kindLabels} SET e:${safe(kind)}`,
      plan.changeEntities.get(kind) ?? [],
    );
  }
  await write('UNWIND $rows AS key MERGE (:Name {key: key})', plan.addNames);
  await write(
    'UNWIND $rows AS row MATCH (n:Name {key: row.key}) MATCH (e:Entity {id: row.entity}) MERGE (n)-[:NAMES]->(e)',
    plan.addNamePairs,
  );
  await write(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.subject})
     MERGE (i:Identifier {key: row.key}) SET i = row.props, i.contentHash = row.hash
     MERGE (e)-[:HAS_IDENTIFIER]->(i)`,
    plan.addIdentifiers,
  );
  await write(
    `UNWIND $rows AS row MATCH (e:Entity {id: row.subject})
     MERGE (l:Literal {id: row.id}) SET l = row.props, l.contentHash = row.hash
     MERGE (e)-[:HAS_LITERAL]->(l)`,
    plan.addLiterals,
  );
  for (const [type, list] of plan.addRelations) {
    await write(
      `UNWIND $rows AS row MATCH (a:Entity {id: row.subject}) MATCH (b:Entity {id: row.object})
       MERGE (a)-[r:${safe(type)} {factId: row.factId}]->(b) SET r = row.props, r.contentHash = row.hash`,
      list,
    );
  }
}

function counts(rows: GraphRows) {
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  for (const kind of ENTITY_KINDS) nodes[kind] = rows.entities.get(kind)?.length ?? 0;
  for (const [type, list] of rows.relations) relationships[type] = list.length;
  nodes.Source = rows.sources.length;
  nodes.Name = new Set(rows.names.map((n) => n.key)).size;
  nodes.Identifier = rows.identifiers.length;
  nodes.Literal = rows.literals.length;
  return { nodes, relationships };
}

/** What each source supports: statements it is evidence for, its evidence, identifiers and entities. */
export function sourceCounts(rows: GraphRows): Record<string, SourceCounts> {
  const statements: { props: StoredStatement }[] = [...[...rows.relations.values()].flat(), ...rows.literals];
  const none = (): SourceCounts => ({ statements: 0, evidence: 0, identifiers: 0, entities: 0 });
  const bySource = new Map(rows.sources.map((s) => [s.id, none()]));
  const of = (id: string) => {
    const counted = bySource.get(id) ?? none();
    bySource.set(id, counted);
    return counted;
  };
  for (const { props } of statements) {
    const cited = storedEvidence(props).map((e) => e.citeSource);
    for (const source of cited) of(source).evidence += 1;
    for (const source of new Set(cited)) of(source).statements += 1;
  }
  for (const { props } of rows.identifiers) of(props.citeSource).identifiers += 1;
  for (const list of rows.entities.values()) for (const { props } of list) of(props.citeSource).entities += 1;
  return Object.fromEntries(bySource);
}

/** The Meta node's stamp of a load of these rows (src/neo4j/meta.ts writes it). */
function stamp(rows: GraphRows): LoadStamp {
  const { nodes, relationships } = counts(rows);
  const statements = [...[...rows.relations.values()].flat(), ...rows.literals];
  return {
    version: rows.version,
    nodeCounts: nodes,
    relationshipCounts: relationships,
    evidenceCount: evidenceTotal(statements),
    sourceCounts: sourceCounts(rows),
  };
}

const describePlan = (plan: LoadPlan) =>
  `${plan.writes} rows to write or delete (${plan.removed.nodes} nodes and ${plan.removed.relationships} relationships gone from the data)`;

/** Runs `locking`, saying so if it has to wait for another load's lock. */
async function underLock<T>(locking: Promise<T>, progress: (message: string) => void): Promise<T> {
  const timer = setTimeout(() => progress('another load holds the graph: waiting until it commits or fails'), 1_000);
  try {
    return await locking;
  } finally {
    clearTimeout(timer);
  }
}

export async function loadGraph(database: Database, rows: GraphRows, options: LoadOptions = {}): Promise<LoadSummary> {
  const progress = options.onProgress ?? (() => {});
  const hold = async () => {
    if (!options.holdOpenMs) return;
    progress(`holding the transaction open for ${options.holdOpenMs} ms`);
    await new Promise((r) => setTimeout(r, options.holdOpenMs));
  };
  const token = randomUUID();
  const announced = new AnnouncedSwitch(database, token, options.switchNoticeMs ?? DEFAULT_SWITCH_NOTICE_MS, progress);
  const query =
    (tx: ManagedTransaction): Query =>
    async (cypher) =>
      (await tx.run(cypher)).records.map((r) => r.toObject());
  let outcome: { plan: LoadPlan; mode: LoadSummary['mode'] };
  try {
    outcome = await database.writeTransaction('seed load', async (tx) => {
      const version = await underLock(lockGraph(tx, token), progress);
      progress('transaction open');
      // Read under the lock, so a load that waited plans against what the other one committed.
      const plan = planLoad(rows, await readState(query(tx)));
      if (version !== null) {
        progress(describePlan(plan));
        await applyPlan(plan, (cypher, list) => inBatches(list, (slice) => tx.run(cypher, { rows: slice })));
        await hold();
        if (plan.writes > 0 || version !== rows.version) {
          await announced.announce(true);
          await announced.confirm(true);
        }
        await writeMeta(tx, stamp(rows));
        return { plan, mode: 'one transaction' };
      }
      // No version for readers to keep: they pause until the graph is whole, with no wait first.
      await announced.announce(false);
      progress(`no graph loaded yet: writing in batches of ${BATCH}; ${describePlan(plan)}`);
      let done = 0;
      await applyPlan(plan, (cypher, list) =>
        inBatches(list, async (slice) => {
          await database.writeTransaction('seed batch', (batch) => batch.run(cypher, { rows: slice }));
          done += slice.length;
          if (done % (BATCH * 10) < slice.length) progress(`${done} of ${plan.writes} rows written`);
        }),
      );
      await hold();
      await announced.confirm(false);
      await writeMeta(tx, stamp(rows));
      return { plan, mode: 'batches' };
    });
  } finally {
    await announced.end();
  }
  progress('committed');
  return {
    version: rows.version,
    ...counts(rows),
    removed: outcome.plan.removed,
    writes: outcome.plan.writes,
    mode: outcome.mode,
  };
}
