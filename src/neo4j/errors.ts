/**
 * Database errors
 *
 * The few typed errors the rest of the code sees from Neo4j. Every driver error is turned into
 * one of them at the boundary, so resolvers and the server map them to GraphQL codes without
 * knowing Neo4j's error codes.
 */
import { Neo4jError } from 'neo4j-driver';

export type DatabaseErrorCode = 'SERVICE_UNAVAILABLE' | 'QUERY_TIMEOUT' | 'DATABASE_ERROR';

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

export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const code = error instanceof Neo4jError ? error.code : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (code && UNAVAILABLE.has(code)) {
    return new DatabaseError('SERVICE_UNAVAILABLE', `Neo4j is unreachable: ${detail}`, { cause: error });
  }
  if (code && TIMEOUT.has(code)) {
    return new DatabaseError('QUERY_TIMEOUT', 'the query took longer than the configured timeout', { cause: error });
  }
  return new DatabaseError('DATABASE_ERROR', `Neo4j failed: ${detail}`, { cause: error });
}
