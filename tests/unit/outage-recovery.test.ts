/**
 * Outage recovery: a timeout from a Neo4j that has just come back is SERVICE_UNAVAILABLE, not
 * QUERY_TIMEOUT; outside an outage and its grace period a timeout stays QUERY_TIMEOUT.
 */
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { OutageRecovery, toDatabaseError } from '../../src/neo4j/errors.js';

const neo4jError = (code: string, message = code) => new Neo4jError(message, code, '50N42', 'error');
const unreachable = () => neo4jError('ServiceUnavailable', 'Failed to connect to server');
const timedOut = () =>
  neo4jError(
    'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
    'The transaction has been terminated',
  );

describe('outage recovery', () => {
  it('reports a timeout as QUERY_TIMEOUT when there was no outage', () => {
    const recovery = new OutageRecovery(30_000, () => 0);
    expect(recovery.failed(timedOut()).code).toBe('QUERY_TIMEOUT');
  });

  it('reports a timeout as SERVICE_UNAVAILABLE during an outage and for the grace period after it', () => {
    let now = 1_000_000;
    const recovery = new OutageRecovery(30_000, () => now);
    expect(recovery.failed(unreachable()).code).toBe('SERVICE_UNAVAILABLE');
    // Neo4j opened again, but the first statements (planned cold) outrun the timeout.
    const during = recovery.failed(timedOut());
    expect(during.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.message).toMatch(/^Neo4j is warming up after an outage/);

    recovery.answered();
    now += 29_999;
    expect(recovery.failed(timedOut()).code).toBe('SERVICE_UNAVAILABLE');
    now += 1;
    expect(recovery.failed(timedOut()).code).toBe('QUERY_TIMEOUT');

    // A later outage starts its own grace period.
    recovery.failed(unreachable());
    now += 60_000;
    recovery.answered();
    now += 10_000;
    expect(recovery.failed(timedOut()).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('keeps other database errors as they are', () => {
    const recovery = new OutageRecovery(30_000, () => 0);
    recovery.failed(unreachable());
    expect(recovery.failed(neo4jError('Neo.ClientError.Statement.SyntaxError')).code).toBe('DATABASE_ERROR');
  });
});

describe('driver errors without a Neo4j code', () => {
  it('types a connection pool that stayed busy past the acquisition timeout as SERVICE_UNAVAILABLE', () => {
    const busy = new Neo4jError(
      'Connection acquisition timed out in 3000 ms. Pool status: Active conn count = 100, Idle conn count = 0.',
      'N/A',
      '50N42',
      'error',
    );
    expect(toDatabaseError(busy).code).toBe('SERVICE_UNAVAILABLE');
  });
});
