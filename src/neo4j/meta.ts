/**
 * The Meta node
 *
 * The loader stamps one `(:Meta {id: 'graph'})` node last in every load: the data version (a
 * content hash of the seed data), the load time and the counts it wrote. Its presence means a
 * load completed; its version is what readiness, `meta`, the export and the response cache key
 * read. This module is the only one that writes or reads it, so its properties and their
 * encoding (counts as JSON text) are decided here.
 *
 * It also holds the rules loaders and API processes share so that readers never see a graph
 * half switched from one version to the next (Neo4j reads are read-committed, and a large commit
 * is applied over seconds while reads go on):
 *
 * - One loader at a time: a load's transaction first writes the graph node (`lockGraph`), which
 *   takes Neo4j's exclusive lock on it until that transaction ends. A second loader blocks
 *   there, then plans against what the first committed; a killed loader's transaction is rolled
 *   back and its lock goes with it. A first load creates the node in that transaction, so the
 *   unique constraint on Meta.id makes a second one wait the same way.
 * - Announced switches: before committing a change, the loader writes a second node,
 *   `(:Meta {id: 'switch'})`, in its own small transaction, waits `noticeMs`, commits, then
 *   deletes it. Every API process reads both nodes each DATA_VERSION_POLL_MS
 *   (`readGraphState`), starts no read while a switch is announced, and keeps an answer only
 *   if its reads ended within `noticeMs` of a poll that saw none (src/server/readGate.ts): so
 *   no answer stands on a read that ran while a commit was applied. The loader renews the
 *   announcement's heartbeat every SWITCH_HEARTBEAT_MS; one not renewed for SWITCH_STALE_MS
 *   (its loader died) is ignored.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredSource } from '../model/storedShapes.js';
import type { Database, Reader } from './database.js';

/** What a load records: its data version and what it wrote, by node label and relationship type. */
export interface LoadStamp {
  version: string;
  nodeCounts: Record<string, number>;
  relationshipCounts: Record<string, number>;
  /** Pieces of evidence (cited sentences) of all statements; null in graphs loaded before statements. */
  evidenceCount: number | null;
  /** What each source supports, by source id; null in graphs loaded before it was counted. */
  sourceCounts: Record<string, SourceCounts> | null;
}

/** What one source supports in a load. */
export interface SourceCounts {
  /** Statements with at least one piece of evidence from it. */
  statements: number;
  /** Its pieces of evidence across all statements. */
  evidence: number;
  /** Identifiers read from it. */
  identifiers: number;
  /** Entities whose own citation is to it. */
  entities: number;
}

/** The stamp of the last completed load, its time, and the sources loaded. */
export interface Meta extends LoadStamp {
  /** ISO 8601 date and time. */
  loadedAt: string;
  sources: StoredSource[];
}

/** The data version the graph holds, or null when no load has completed. */
export async function graphVersion(database: Reader): Promise<string | null> {
  const rows = await database.read<{ version: string }>({
    name: 'graph version',
    cypher: "MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version",
  });
  return rows[0]?.version ?? null;
}

const META = `
MATCH (m:Meta {id: 'graph'})
RETURN m.version AS version, toString(m.loadedAt) AS loadedAt, m.nodeCounts AS nodeCounts,
       m.relationshipCounts AS relationshipCounts, m.evidenceCount AS evidenceCount,
       m.sourceCounts AS sourceCounts,
       COLLECT { MATCH (s:Source) RETURN properties(s) ORDER BY s.id } AS sources`;

interface MetaRow {
  version: string;
  loadedAt: string;
  nodeCounts: string;
  relationshipCounts: string;
  evidenceCount: number | null;
  sourceCounts: string | null;
  sources: StoredSource[];
}

/** What is loaded, with the sources (ordered by id), in one round trip; null when nothing is. */
export async function readMeta(database: Reader): Promise<Meta | null> {
  const [row] = await database.read<MetaRow>({ name: 'meta', cypher: META });
  if (!row) return null;
  return {
    ...row,
    nodeCounts: JSON.parse(row.nodeCounts) as Record<string, number>,
    relationshipCounts: JSON.parse(row.relationshipCounts) as Record<string, number>,
    sourceCounts: row.sourceCounts == null ? null : (JSON.parse(row.sourceCounts) as Record<string, SourceCounts>),
  };
}

/**
 * Stamps the Meta node inside the load's transaction, the one that took `lockGraph`, so that
 * it commits with the load and only the loader holding the lock can stamp it.
 */
export async function writeMeta(tx: ManagedTransaction, stamp: LoadStamp): Promise<void> {
  await tx.run(
    `MERGE (m:Meta {id: 'graph'})
     SET m.version = $version, m.loadedAt = datetime(), m.nodeCounts = $nodeCounts, m.relationshipCounts = $relationshipCounts,
         m.evidenceCount = $evidenceCount, m.sourceCounts = $sourceCounts
     REMOVE m.lockedBy`,
    {
      version: stamp.version,
      nodeCounts: JSON.stringify(stamp.nodeCounts),
      relationshipCounts: JSON.stringify(stamp.relationshipCounts),
      evidenceCount: stamp.evidenceCount,
      sourceCounts: stamp.sourceCounts && JSON.stringify(stamp.sourceCounts),
    },
  );
}

/**
 * Takes the load lock: the first statement of a load's transaction, held until it commits or
 * rolls back. A write (not a read) of the graph node, because only writes take Neo4j's
 * exclusive lock; the property is removed again before the transaction ends, so it is never
 * committed. Resolves to the version the graph holds, read under the lock (null: none yet).
 */
export async function lockGraph(tx: ManagedTransaction, token: string): Promise<string | null> {
  const result = await tx.run("MERGE (m:Meta {id: 'graph'}) SET m.lockedBy = $token RETURN m.version AS version", {
    token,
  });
  return (result.records[0]?.get('version') as string | null | undefined) ?? null;
}

/** How often a loader renews its announcement of a switch. */
export const SWITCH_HEARTBEAT_MS = 1_000;
/**
 * How old an announcement's heartbeat may grow before API processes ignore it: its loader has
 * died. Well above the longest renewal measured while a large commit was applied (0.8 s, while
 * 2,000 drugs were removed).
 */
export const SWITCH_STALE_MS = 10_000;

/** The API settings that decide how long a loader must wait after announcing a switch. */
export interface SwitchTiming {
  DATA_VERSION_POLL_MS: number;
  SWITCH_GRACE_MS: number;
}

/** How long a loader waits between announcing a switch and committing it. */
export const switchNoticeMs = (timing: SwitchTiming) => timing.DATA_VERSION_POLL_MS + timing.SWITCH_GRACE_MS;

/** `switchNoticeMs` of the configuration's defaults (2000 + 1000), for loads given no settings. */
export const DEFAULT_SWITCH_NOTICE_MS = 3_000;

/** A switch announced by a loader. */
export interface Switching {
  token: string;
  /** How long its loader waits between announcing and committing. */
  noticeMs: number;
  /** Time since its loader last renewed it, by Neo4j's clock, so hosts' clocks do not matter. */
  heartbeatAgeMs: number;
}

/** What API processes poll: the version the graph holds and the switch announced, if any. */
export interface GraphState {
  version: string | null;
  /**
   * When the last load committed: every commit stamps a new one, so two polls that read the
   * same one (and no switch) prove that no commit was made or applied between them.
   */
  loadedAt: string | null;
  switching: Switching | null;
}

const GRAPH_STATE = `
OPTIONAL MATCH (m:Meta {id: 'graph'})
OPTIONAL MATCH (s:Meta {id: 'switch'})
RETURN m.version AS version, toString(m.loadedAt) AS loadedAt, s.token AS token, s.noticeMs AS noticeMs,
       datetime().epochMillis - s.heartbeat.epochMillis AS heartbeatAgeMs`;

/** The graph's version and announced switch, in one read. */
export async function readGraphState(reader: Reader): Promise<GraphState> {
  const [row] = await reader.read<{
    version: string | null;
    loadedAt: string | null;
    token: string | null;
    noticeMs: number | null;
    heartbeatAgeMs: number | null;
  }>({ name: 'graph state', cypher: GRAPH_STATE });
  const switching =
    row?.token != null
      ? { token: row.token, noticeMs: row.noticeMs ?? 0, heartbeatAgeMs: row.heartbeatAgeMs ?? 0 }
      : null;
  return { version: row?.version ?? null, loadedAt: row?.loadedAt ?? null, switching };
}

type Writer = Pick<Database, 'writeTransaction'>;

/** Announces a switch (or takes over the announcement a dead loader left), in its own transaction. */
export async function announceSwitch(database: Writer, token: string, noticeMs: number): Promise<void> {
  await database.writeTransaction('seed: announce switch', (tx) =>
    tx.run(
      "MERGE (s:Meta {id: 'switch'}) SET s.token = $token, s.noticeMs = $noticeMs, s.since = datetime(), s.heartbeat = datetime()",
      { token, noticeMs },
    ),
  );
}

/** Renews this loader's announcement; false when it is no longer there. */
export async function renewSwitch(database: Writer, token: string): Promise<boolean> {
  return database.writeTransaction('seed: renew switch', async (tx) => {
    const result = await tx.run(
      "MATCH (s:Meta {id: 'switch', token: $token}) SET s.heartbeat = datetime() RETURN count(s) AS n",
      { token },
    );
    return (result.records[0]?.get('n') as number) > 0;
  });
}

/** Ends this loader's announcement (another loader's is left alone). */
export async function endSwitch(database: Writer, token: string): Promise<void> {
  await database.writeTransaction('seed: end switch', (tx) =>
    tx.run("MATCH (s:Meta {id: 'switch', token: $token}) DELETE s", { token }),
  );
}
