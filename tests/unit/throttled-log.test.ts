/**
 * The throttled log: however many times a kind occurs, it gets at most one line per interval,
 * with the count since the previous line and the total; kinds are counted apart.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledLog } from '../../src/server/throttledLog.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('the throttled log', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => void vi.useRealTimers());

  it('writes N occurrences in one interval as the first line and one line with the count', () => {
    const { logger, lines } = capture();
    const log = new ThrottledLog(logger, { everyMs: 60_000 });
    for (let i = 0; i < 5_000; i++) {
      log.note('malformed request', { host: `bad host ${i}` });
      vi.advanceTimersByTime(10);
    }
    // 50 s of a flood: the first occurrence only, the rest counted.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'malformed request',
      level: 40,
      host: 'bad host 0',
      kind: 'malformed request',
      count: 1,
      total: 1,
    });
    // The interval ends: one line with the count, whether or not more come.
    vi.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ msg: 'malformed request', host: 'bad host 4999', count: 4_999, total: 5_000 });
    vi.advanceTimersByTime(600_000);
    expect(lines).toHaveLength(2);
  });

  it('writes at most one line per interval while a flood lasts, and counts kinds apart', () => {
    const { logger, lines } = capture();
    const log = new ThrottledLog(logger, { everyMs: 60_000 });
    // Ten minutes, 100 a second of one kind and 1 a second of another.
    for (let second = 0; second < 600; second++) {
      for (let i = 0; i < 100; i++) log.note('QUERY_TOO_COSTLY', { requestId: `r${second}-${i}` }, 'request refused');
      log.note('SERVER_BUSY', {}, 'request refused');
      vi.advanceTimersByTime(1_000);
    }
    log.flush();
    const costly = lines.filter((l) => l.kind === 'QUERY_TOO_COSTLY');
    const busy = lines.filter((l) => l.kind === 'SERVER_BUSY');
    expect(costly.length).toBeLessThanOrEqual(11);
    expect(busy.length).toBeLessThanOrEqual(11);
    expect(costly.reduce((n, l) => n + (l.count as number), 0)).toBe(60_000);
    expect(costly.at(-1)).toMatchObject({ total: 60_000 });
    expect(busy.at(-1)).toMatchObject({ total: 600 });
    expect(JSON.stringify(lines).length).toBeLessThan(5_000);
  });

  it('writes a quiet kind at once again, keeps the level, and flushes pending counts on shutdown', () => {
    const { logger, lines } = capture();
    const log = new ThrottledLog(logger, { everyMs: 60_000 });
    log.note('QUERY_TIMEOUT', { requestId: 'a' }, 'database error', 'error');
    log.note('QUERY_TIMEOUT', { requestId: 'b' }, 'database error', 'error');
    log.flush();
    expect(lines.map((l) => [l.requestId, l.count, l.total, l.level])).toEqual([
      ['a', 1, 1, 50],
      ['b', 1, 2, 50],
    ]);
    log.flush();
    expect(lines).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    log.note('QUERY_TIMEOUT', { requestId: 'c' }, 'database error', 'error');
    expect(lines).toHaveLength(3);
    expect(log.end('QUERY_TIMEOUT')).toEqual({ pending: 0, total: 3 });
    log.note('QUERY_TIMEOUT', { requestId: 'd' }, 'database error', 'error');
    expect(lines.at(-1)).toMatchObject({ requestId: 'd', count: 1, total: 1 });
  });

  it('pools kinds past its bound, so a bug that names kinds after requests cannot grow it', () => {
    const { logger, lines } = capture();
    const log = new ThrottledLog(logger);
    for (let i = 0; i < 1_000; i++) log.note(`kind ${i}`, {});
    expect(new Set(lines.map((l) => l.kind)).size).toBe(101);
    expect(lines).toHaveLength(101);
    log.flush();
    expect(lines.at(-1)).toMatchObject({ kind: 'other', count: 899, total: 900 });
  });
});
