/**
 * Database errors
 *
 * The few typed errors the rest of the code sees from Neo4j. Every driver error is turned into
 * one of them at the boundary, so resolvers and the server map them to GraphQL codes without
 * knowing Neo4j's error codes. `OutageRecovery` keeps a Neo4j that has just come back from an
 * outage from being reported as a query that asked for too much. NO_DATA is a Neo4j that answers
 * but holds no graph (no Meta node, no search index): nothing has been loaded into it yet.
 */
import { Neo4jError } from 'neo4j-driver';

export type DatabaseErrorCode = 'SERVICE_UNAVAILABLE' | 'QUERY_TIMEOUT' | 'NO_DATA' | 'DATABASE_ERROR';

export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const TIMEOUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * The driver's own error when every pooled connection stayed busy for `connectionAcquisitionTimeout`:
 * Neo4j is overloaded, which a client should treat like an outage (retry shortly). It carries no
 * error code, only this message.
 */
const ACQUISITION_TIMEOUT = /^Connection acquisition timed out/;

/** A query of our full-text index in a Neo4j where the loader never created it (a fresh one). */
const NO_SEARCH_INDEX = /no such fulltext schema index/i;

export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const code = error instanceof Neo4jError ? error.code : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if ((code && UNAVAILABLE.has(code)) || (error instanceof Neo4jError && ACQUISITION_TIMEOUT.test(detail))) {
    return new DatabaseError('SERVICE_UNAVAILABLE', `Neo4j is unreachable: ${detail}`, { cause: error });
  }
  if (code && TIMEOUT.has(code)) {
    return new DatabaseError('QUERY_TIMEOUT', 'the query took longer than the configured timeout', { cause: error });
  }
  if (code === 'Neo.ClientError.Procedure.ProcedureCallFailed' && NO_SEARCH_INDEX.test(detail)) {
    return new DatabaseError('NO_DATA', `no graph is loaded (Neo4j has no search index): ${detail}`, { cause: error });
  }
  return new DatabaseError('DATABASE_ERROR', `Neo4j failed: ${detail}`, { cause: error });
}

/**
 * Outage recovery
 *
 * A Neo4j that comes back after an outage is cold: its query-plan cache is empty and its JVM
 * has not compiled its planner yet, so each statement it has not planned since took one to four
 * seconds to plan (two shared cores; up to six with concurrent requests), and the first requests
 * after it opened ran into the transaction timeout. Such a timeout says nothing about the query,
 * and QUERY_TIMEOUT's advice ("ask for less") misleads: from an outage until `graceMs` after Neo4j
 * answers again, a timeout is reported as SERVICE_UNAVAILABLE (retry shortly) instead.
 */
export class OutageRecovery {
  private unreachable = false;
  private answeredAgainAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The typed error for a failed statement; an unreachable Neo4j starts an outage. */
  failed(error: unknown): DatabaseError {
    const typed = toDatabaseError(error);
    if (typed.code === 'SERVICE_UNAVAILABLE') this.unreachable = true;
    if (typed.code !== 'QUERY_TIMEOUT' || !this.recovering()) return typed;
    return new DatabaseError(
      'SERVICE_UNAVAILABLE',
      `Neo4j is warming up after an outage and did not answer within the query timeout: ${typed.message}`,
      { cause: error },
    );
  }

  /** A statement succeeded: an outage, if there was one, is over. */
  answered(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.answeredAgainAt = this.now();
  }

  private recovering(): boolean {
    return this.unreachable || this.now() - this.answeredAgainAt < this.graceMs;
  }
}
