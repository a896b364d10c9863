/**
 * graphql-jit (COMPILED_EXECUTION) answers as graphql-js's interpreter: every cookbook query and
 * benchmark workload gives the same JSON through both executors, and the error cases the same
 * data and the same errors (message, path, code). One difference is known, and is why compiled
 * execution is off by default: graphql-jit's resolver errors carry no `locations`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLOADS } from '../bench/workloads.js';
import { COOKBOOK } from '../scripts/cookbook.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const interpreted = testApi(database, { RESPONSE_CACHE: 'false' });
const compiled = testApi(database, { RESPONSE_CACHE: 'false', COMPILED_EXECUTION: 'true' });
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

const ERROR_CASES = [
  '{ neighbourhood(id: "drug:baclofen", depth: 9) { nodes { id } } }',
  '{ drug(id: "drug:no-such-drug") { id name } }',
  '{ drugs(names: ["baclofen", "nothing", "GHB"]) { id name brands { name } } }',
  '{ paths(from: "drug:baclofen", to: "drug:baclofen") { length } }',
  '{ search(query: "baclofen", first: 0) { score } }',
  '{ a: drug(name: "phenibut") { name } b: drug(name: "pregabalin") { ... on Drug { name targets { action } } } }',
];

describe('compiled execution', () => {
  it('answers every cookbook query and workload as the interpreter, and each error case with the same data and errors', async () => {
    const queries = [...COOKBOOK.map((r) => r.query), ...WORKLOADS.map((w) => w.ours), ...ERROR_CASES];
    const withoutLocations = (answer: Awaited<ReturnType<typeof graphql>>) => ({
      ...answer,
      ...(answer.errors && {
        errors: answer.errors.map(({ message, extensions, ...rest }) => ({
          message,
          extensions,
          path: (rest as { path?: unknown }).path,
        })),
      }),
    });
    for (const query of queries) {
      const expected = await graphql(interpreted, query);
      const answer = await graphql(compiled, query);
      if (expected.errors) expect(withoutLocations(answer), query).toEqual(withoutLocations(expected));
      else expect(answer, query).toEqual(expected);
    }
    expect(queries.length).toBeGreaterThan(20);
  });
});
