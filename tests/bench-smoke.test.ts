/**
 * A few seconds of the benchmark: every workload, on every target it has, must produce
 * throughput and no errors. The figures themselves are not asserted: this machine is shared
 * and noisy; `npm run bench` measures them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLOADS } from '../bench/workloads.js';
import { runProject } from './support/processes.js';
import { openDatabase, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const dir = mkdtempSync(join(tmpdir(), 'drug-facts-bench-smoke-'));
beforeAll(() => useStandardGraph(database));
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the benchmark, in a smoke run', () => {
  it('gives every workload non-zero throughput and no errors: ours cold and warm, a 304 revalidation, the raw driver and the peer', async () => {
    const out = join(dir, 'smoke.json');
    const run = runProject('bench/run.ts', testNeo4jEnv(), ['--smoke', '--out', out]);
    expect(await run.exited, run.output()).toBe(0);
    const { rows } = JSON.parse(readFileSync(out, 'utf8')) as {
      rows: { workload: string; target: string; requestsPerSecond: number; errors: number }[];
    };
    const expected = WORKLOADS.flatMap((w) =>
      [
        'ours',
        'warm',
        ...(w.revalidate ? ['revalidate'] : []),
        ...(w.raw ? ['raw'] : []),
        ...(w.peer ? ['peer'] : []),
      ].map((t) => `${w.name} ${t}`),
    );
    expect(rows.map((r) => `${r.workload} ${r.target}`)).toEqual(expected);
    for (const row of rows) {
      expect(row.requestsPerSecond, `${row.workload} ${row.target}`).toBeGreaterThan(0);
      expect(row.errors, `${row.workload} ${row.target}`).toBe(0);
    }
  }, 180_000);
});
