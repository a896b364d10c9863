/**
 * Round trips: a root field costs one Cypher round trip, which fetches only the part of the
 * profile its selection needs; nested drugs are batched per level and cached per request, so
 * the count depends on the depth of the query, not on its width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

async function roundTripsOf(query: string) {
  const before = database.roundTrips;
  const { data, errors } = await graphql(api, query);
  expect(errors).toBeUndefined();
  return { data, roundTrips: database.roundTrips - before };
}

describe('database round trips per request', () => {
  it('answers a nested drug lookup with every relation family and citations in one round trip', async () => {
    const { roundTrips, data } = await roundTripsOf(`{
      drug(name: "Lioresal") {
        name brands { name } identifiers { namespace value }
        targets { target { name } action affinities { value unit } citation { statement url source { title } } }
        analogues { drug { name } difference citation { statement } }
        indications { condition { name } status citation { section } }
        effects(context: WITHDRAWAL) { effect { name } }
        routes { route { name } change } classes { drugClass { name } }
        pharmacokinetics { attribute value low high unit } chemistry { attribute value text }
        history { name year } research { condition { name } evidence }
      }
    }`);
    expect((data as { drug: { name: string } }).drug.name).toBe('Baclofen');
    expect(roundTrips).toBe(1);
  });

  it('answers a three-level analogue query in three round trips: the root, then one batch per nested level', async () => {
    const { roundTrips, data } = await roundTripsOf(`{
      drug(id: "drug:baclofen") {
        analogues {
          drug {
            name
            targets { target { name } affinities { value } }
            analogues { drug { name brands { name } analogues { drug { name } } } }
          }
        }
      }
    }`);
    const analogues = (data as { drug: { analogues: { drug: { name: string } }[] } }).drug.analogues;
    expect(analogues.map((a) => a.drug.name).sort()).toEqual(['GABA', 'Phenibut', 'Pregabalin']);
    expect(roundTrips).toBe(3);
  });

  it('answers a batch of 20 names in one round trip', async () => {
    const names = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'baclofen' : `missing-${i}`));
    const query = `{ drugs(names: ${JSON.stringify(names)}) { id targets { action } brands { name } } }`;
    const { roundTrips } = await roundTripsOf(query);
    expect(roundTrips).toBe(1);
  });
});
