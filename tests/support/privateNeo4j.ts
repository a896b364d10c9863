/**
 * A Neo4j of a test's own
 *
 * Tests that stop and restart Neo4j cannot use the run's shared one: this starts the local
 * launcher on a fresh data directory and a free port, loads the seed data, and starts it again
 * on the same port and data after a stop, so the driver's URI stays valid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedGraph } from '../../seed/seedGraph.js';
import { Database } from '../../src/neo4j/database.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/neo4j/localNeo4j.js';
import { freePort } from './processes.js';

export class PrivateNeo4j {
  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private neo4j: LocalNeo4j,
    /** A seeded graph's executor, with a 5 s query timeout. */
    readonly database: Database,
  ) {}

  static async start(name: string): Promise<PrivateNeo4j> {
    const dataDir = mkdtempSync(join(tmpdir(), `drug-facts-${name}-`));
    const port = await freePort();
    const neo4j = await startLocalNeo4j({ dataDir, port });
    const database = new Database(
      { uri: neo4j.uri, user: 'neo4j', password: 'unused', database: 'neo4j' },
      { queryTimeoutMs: 5_000 },
    );
    await seedGraph(database);
    return new PrivateNeo4j(dataDir, port, neo4j, database);
  }

  stop(): Promise<void> {
    return this.neo4j.stop();
  }

  /** Starts Neo4j again on the same port and data; `onOutput` sees the launcher's lines. */
  async restart(onOutput?: (line: string) => void): Promise<void> {
    this.neo4j = await startLocalNeo4j({ dataDir: this.dataDir, port: this.port, ...(onOutput && { onOutput }) });
  }

  async close(): Promise<void> {
    await this.database.close();
    await this.neo4j.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Asks until the answer has no errors (up to 20 s), then returns it. */
export async function untilAnswered<T extends { errors?: unknown[] }>(ask: () => Promise<T>): Promise<T> {
  let answer = await ask();
  for (let i = 0; i < 40 && answer.errors; i++) {
    await new Promise((r) => setTimeout(r, 500));
    answer = await ask();
  }
  return answer;
}
