/**
 * Database
 *
 * The one executor every query goes through. Reads are auto-commit queries in READ sessions
 * (so no bug can write through the API): one message out and one back, where a transaction
 * function would add BEGIN and COMMIT, which cost the server about a tenth of a lookup's CPU.
 * They always name the database, carry a timeout and metadata naming the query, and fail fast
 * when Neo4j is away (a read is not retried; writes retry for at most `retryBudgetMs`): a closed
 * port fails a statement within milliseconds, and the next statement after Neo4j opens again
 * connects at once. Driver errors leave this module only as typed DatabaseErrors; a Neo4j
 * coming back from an outage is unavailable, not slow (see `OutageRecovery`).
 */
import neo4j, { type Driver, type ManagedTransaction, type RecordShape } from 'neo4j-driver';
import { OutageRecovery } from './errors.js';

export interface Connection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface DatabaseOptions {
  /** Server-side timeout of each read transaction. */
  queryTimeoutMs: number;
  /** How long the driver retries a failing transaction before giving up. @default 2000 */
  retryBudgetMs?: number;
  /**
   * How long after Neo4j answers again following an outage a timeout is still reported as
   * SERVICE_UNAVAILABLE: the restarted Neo4j plans every statement anew, slowly at first. Cold
   * plans slowed answers for up to 12 s after a restart. @default 30000
   */
  recoveryGraceMs?: number;
}

/** A named, parameterized Cypher statement. The name tags the transaction for Neo4j's logs. */
export interface Statement {
  name: string;
  cypher: string;
  params?: Record<string, unknown>;
}

/** Round trips and time spent in Neo4j, accumulated per request for the logs. */
export interface QueryStats {
  roundTrips: number;
  dbTimeMs: number;
}

/** What query modules need: a way to run a read. */
export interface Reader {
  read<Row extends RecordShape = RecordShape>(statement: Statement): Promise<Row[]>;
  /**
   * A read for what is kept across requests (the sources of a data version): counted in no
   * request's stats, and not gated; what it returns must carry the version it was read from.
   */
  readKept<Row extends RecordShape = RecordShape>(statement: Statement): Promise<Row[]>;
}

/**
 * Runs `start` (which starts a query) with no stack trace captured. The driver formats the
 * caller's stack for every query, to hang on an error should the query fail: 3% of the API's
 * CPU on a lookup. A read's failure leaves this module as a typed error naming the statement,
 * so those frames told nothing. `start` runs synchronously up to its first await, where the
 * driver takes the trace, and nothing else runs meanwhile.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export class Database implements Reader {
  readonly driver: Driver;
  /**
   * Number of reads run on behalf of requests (those counted in a request's `stats`); tests use
   * it to count round trips per request. Background reads (readiness, the data version
   * watcher) are not counted.
   */
  roundTrips = 0;
  private readonly recovery: OutageRecovery;

  constructor(
    readonly connection: Connection,
    private readonly options: DatabaseOptions,
  ) {
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: options.retryBudgetMs ?? 2_000,
      connectionAcquisitionTimeout: 3_000,
      connectionTimeout: 2_000,
      userAgent: 'drug-facts-graph',
    });
    this.recovery = new OutageRecovery(options.recoveryGraceMs ?? 30_000);
  }

  /** A reader that also adds its round trips and time to `stats`. */
  reader(stats: QueryStats): Reader {
    return { read: (statement) => this.read(statement, stats), readKept: (statement) => this.read(statement) };
  }

  readKept<Row extends RecordShape = RecordShape>(statement: Statement): Promise<Row[]> {
    return this.read<Row>(statement);
  }

  async read<Row extends RecordShape = RecordShape>(statement: Statement, stats?: QueryStats): Promise<Row[]> {
    if (stats) this.roundTrips += 1;
    const started = performance.now();
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await withoutCallerStack(() =>
        session.run<Row>(statement.cypher, statement.params ?? {}, {
          timeout: this.options.queryTimeoutMs,
          metadata: { app: 'drug-facts-graph', query: statement.name },
        }),
      );
      this.recovery.answered();
      return result.records.map((record) => record.toObject());
    } catch (error) {
      throw this.recovery.failed(error);
    } finally {
      if (stats) {
        stats.roundTrips += 1;
        stats.dbTimeMs += performance.now() - started;
      }
      await session.close();
    }
  }

  /** Runs `work` in one write transaction: all of it commits, or none of it does. */
  async writeTransaction<T>(name: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      const result = await session.executeWrite(work, { metadata: { app: 'drug-facts-graph', query: name } });
      this.recovery.answered();
      return result;
    } catch (error) {
      throw this.recovery.failed(error);
    } finally {
      await session.close();
    }
  }

  /** Runs one statement outside an explicit transaction (schema changes need their own). */
  async runSchema(statement: Statement): Promise<void> {
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(statement.cypher, statement.params ?? {});
      this.recovery.answered();
    } catch (error) {
      throw this.recovery.failed(error);
    } finally {
      await session.close();
    }
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.connection.database });
    } catch (error) {
      throw this.recovery.failed(error);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
