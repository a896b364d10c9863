/**
 * The outage log: an outage is logged once per change of state, with a count, however many
 * requests fail while it lasts.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src/neo4j/errors.js';
import { OutageLog } from '../../src/server/outageLog.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('the outage log', () => {
  it('logs the first failure whole, counts the rest, sums up each minute and logs the recovery', () => {
    const { logger, lines } = capture();
    let now = 1_000_000;
    const outages = new OutageLog(logger, { now: () => now });
    const error = new DatabaseError('SERVICE_UNAVAILABLE', 'Neo4j is unreachable: connection refused');

    for (let i = 0; i < 10_000; i++) {
      outages.failed(`req-${i}`, error);
      now += 10;
    }
    // 100 s of failures: the first, and one summary a minute (the throttled log's).
    expect(lines.map((l) => l.msg)).toEqual([
      'database unreachable: requests fail with SERVICE_UNAVAILABLE until it answers again',
      'database still unreachable',
    ]);
    expect(lines[0]).toMatchObject({ requestId: 'req-0', level: 50 });
    expect(JSON.stringify(lines[0]!.err)).toContain('connection refused');
    expect(lines[1]).toMatchObject({ kind: 'database unreachable', count: 6_000, total: 6_001, downForMs: 60_000 });
    expect(outages.down).toBe(true);

    outages.answered();
    outages.answered();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ msg: 'database reachable again', failedRequests: 10_000, downForMs: 100_000 });
    expect(outages.down).toBe(false);

    outages.failed('req-next', error);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ requestId: 'req-next', level: 50 });
  });

  it('counts refusals made for the database during an outage, and ignores them otherwise', () => {
    const { logger, lines } = capture();
    let now = 0;
    const outages = new OutageLog(logger, { now: () => now });
    outages.failed('refused-while-up', null);
    expect(outages.down).toBe(false);
    expect(lines).toHaveLength(0);

    outages.failed('req-1', new DatabaseError('SERVICE_UNAVAILABLE', 'Neo4j is unreachable'));
    outages.failed('refused-while-down', null);
    now = 5_000;
    outages.answered();
    expect(lines.map((l) => [l.msg, l.failedRequests])).toEqual([
      ['database unreachable: requests fail with SERVICE_UNAVAILABLE until it answers again', undefined],
      ['database reachable again', 2],
    ]);
  });
});
