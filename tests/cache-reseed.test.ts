/**
 * Two API processes on one Neo4j, each with its response cache warm: after a reseed that
 * changes a fact, each serves the new fact by itself, through its polls, and never the old one
 * after that. The documented figure (DATA_VERSION_POLL_MS, 2 s by default, plus one read) is
 * logged; the test's bound is five polls, far from what a loaded machine sees, so that it fails
 * only on a process that does not poll or does not act on what it polls.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../scripts/apiProcess.js';
import { seedGraph } from '../seed/seedGraph.js';
import { copySeedData, type SeedDataCopy } from './support/seedDataCopy.js';
import { openDatabase, testConnection, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const QUERY = '{ drug(id: "drug:baclofen") { description } }';
const NEW_DESCRIPTION = 'A test edit of the description of baclofen, loaded by the reseed.';
/** Five default poll intervals: the documented 2 s (plus one read) with room for a loaded machine. */
const BOUND_MS = 5 * 2_000;
/** How long each process is watched after it switched, for the old fact coming back. */
const WATCH_AFTER_MS = 2 * 2_000;
let copy: SeedDataCopy;
let apis: ApiProcess[] = [];

beforeAll(async () => {
  await useStandardGraph(database);
  copy = copySeedData();
  copy.edit('entities/drugs.yaml', (doc) => {
    doc.entities.find((e: { id: string }) => e.id === 'drug:baclofen').description = NEW_DESCRIPTION;
  });
  apis = await Promise.all([startApiProcess(testConnection()), startApiProcess(testConnection())]);
});

afterAll(async () => {
  await Promise.all(apis.map((api) => api.stop()));
  await useStandardGraph(database);
  copy?.remove();
  await database.close();
});

async function description(api: ApiProcess): Promise<{ description: string; etag: string | null }> {
  const response = await fetch(`${api.url}?query=${encodeURIComponent(QUERY)}`);
  const body = (await response.json()) as { data: { drug: { description: string } } };
  return { description: body.data.drug.description, etag: response.headers.get('etag') };
}

it('serves the new fact from both processes by itself after a reseed, and never the old one after', async () => {
  const before = await Promise.all(apis.map(description));
  for (const answer of before) expect(answer.description).not.toBe(NEW_DESCRIPTION);
  // Both caches hold the old answer now: the repeat is served from memory, same tag.
  const cached = await Promise.all(apis.map(description));
  expect(cached.map((c) => c.description)).toEqual(before.map((b) => b.description));

  await seedGraph(database, { dataDirs: [copy.dir] });
  const committed = performance.now();
  const switchedAfterMs: number[] = [];
  await Promise.all(
    apis.map(async (api, i) => {
      let switched: number | null = null;
      const watching = () =>
        switched === null
          ? performance.now() - committed < BOUND_MS
          : performance.now() - committed < switched + WATCH_AFTER_MS;
      for (let n = 0; watching(); n++) {
        const answer = await description(api);
        if (switched === null && answer.description === NEW_DESCRIPTION) {
          switched = performance.now() - committed;
          expect(answer.etag).not.toBe(before[i]!.etag);
        }
        // Once the new fact is served, the old one never comes back.
        if (switched !== null) expect(answer.description).toBe(NEW_DESCRIPTION);
        await new Promise((r) => setTimeout(r, 25));
      }
      switchedAfterMs.push(switched ?? Infinity);
    }),
  );
  console.log(
    `cache-reseed: new fact served ${switchedAfterMs.map((ms) => `${Math.round(ms)} ms`).join(' and ')} after the commit`,
  );
  for (const ms of switchedAfterMs) expect(ms).toBeLessThanOrEqual(BOUND_MS);
});
