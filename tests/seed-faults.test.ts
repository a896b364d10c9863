/**
 * A disk that fills up gives one clear message naming the file, and leaves nothing half-written
 * behind. (Seed files that cannot be read: tests/unit/seed-check.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProject } from './support/processes.js';
import { openDatabase, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
afterAll(() => database.close());

describe('a full disk', () => {
  const mountPoint = `/tmp/drug-facts-full-disk-${process.pid}`;
  afterAll(() => {
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('stops the export with a clear message and no partial file', async (context) => {
    mkdirSync(mountPoint, { recursive: true });
    // A 32 KiB file system fills up long before the export (over 100 KiB) is written.
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', mountPoint]);
    if (mount.status !== 0) context.skip(`cannot mount a small tmpfs here: ${mount.stderr.toString().trim()}`);
    await useStandardGraph(database);
    const out = join(mountPoint, 'facts.jsonl');
    const run = runProject('bin/export.ts', testNeo4jEnv(), ['--out', out]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      `npm run export failed: the disk is full: ${out} was not written; free some space or choose another --out`,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(mountPoint)).toEqual([]);
  });
});
