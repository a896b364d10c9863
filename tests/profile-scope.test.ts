/**
 * Profile scope through the API: brief neighbours (id, kind, name, date) and full ones name the
 * same entities in the same order. How the scope is worked out from a selection is
 * tests/unit/drug-scope.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

describe('brief and full neighbours through the API', () => {
  const database = openDatabase();
  const api = testApi(database);
  beforeAll(() => useStandardGraph(database));
  afterAll(() => database.close());

  it('name the same entities in the same order, and the full ones carry their own description', async () => {
    type Target = { target: { id: string; name: string; description?: string } };
    const brief = await graphql<{ drug: { targets: Target[]; history: { name: string }[] } }>(
      api,
      '{ drug(name: "baclofen") { targets { target { id name } } history { name } } }',
    );
    const full = await graphql<{ drug: { targets: Target[]; history: { name: string; description: string }[] } }>(
      api,
      '{ drug(name: "baclofen") { targets { target { id name description } } history { name description } } }',
    );
    expect(brief.errors).toBeUndefined();
    expect(full.errors).toBeUndefined();
    expect(brief.data!.drug.targets.length).toBeGreaterThan(1);
    expect(full.data!.drug.targets.map((t) => t.target.name)).toEqual(
      brief.data!.drug.targets.map((t) => t.target.name),
    );
    // History is sorted by date, which brief neighbours carry.
    expect(full.data!.drug.history.map((e) => e.name)).toEqual(brief.data!.drug.history.map((e) => e.name));

    const first = full.data!.drug.targets[0]!.target;
    const own = await graphql<{ entity: { description: string } }>(
      api,
      `{ entity(id: "${first.id}") { description } }`,
    );
    expect(first.description).toBe(own.data!.entity.description);
    expect(first.description!.length).toBeGreaterThan(10);
  });
});
