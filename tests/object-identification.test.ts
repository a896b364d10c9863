/**
 * Relay object identification: `statement(id:)` gives every statement of the export with every
 * piece of evidence, `nodes` answers in input order with null for what it cannot fetch and a
 * bound on its input, and a view's id gives the view. (The schema-wide round trip of every id any
 * answer carries is rule 6 of tests/conformance.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts, type ExportedFact } from '../src/graph/facts.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase(30_000);
const api = testApi(database, { MAX_ALIASES: '100', MAX_COST: '10000000', EXPENSIVE_COST: '10000000' });
let facts: ExportedFact[];

beforeAll(async () => {
  await useStandardGraph(database);
  facts = await readFacts(database);
});
afterAll(() => database.close());

const citationIds = (fact: ExportedFact) =>
  fact.citations.map((c) =>
    'id' in c && c.id ? c.id : `identifier:${fact.predicate.slice(11)}:${String(fact.value)}`,
  );

describe('statement(id:)', () => {
  it('gives every statement of the export with every piece of evidence, first one first', async () => {
    expect(facts.length).toBeGreaterThan(900);
    for (let i = 0; i < facts.length; i += 50) {
      const batch = facts.slice(i, i + 50);
      const declared = batch.map((_, k) => `$id${k}: ID!`).join(', ');
      const asked = batch.map((_, k) => `s${k}: statement(id: $id${k}) { id citations { id statement } }`).join(' ');
      const query = `query (${declared}) { ${asked} }`;
      const variables = Object.fromEntries(batch.map((f, k) => [`id${k}`, f.id]));
      const { data, errors } = await graphql<Record<string, { id: string; citations: { id: string }[] } | null>>(
        api,
        query,
        variables,
      );
      expect(errors).toBeUndefined();
      batch.forEach((fact, k) => {
        const got = data![`s${k}`];
        expect(got?.id, fact.id).toBe(fact.id);
        expect(got!.citations.map((c) => c.id)).toEqual(citationIds(fact));
      });
    }
  }, 120_000);

  it("takes a view's id for its statement, and is null for an unknown id", async () => {
    const relation = facts.find((f) => f.object && f.subject === 'drug:baclofen')!;
    const { data } = await graphql<{ a: { id: string } | null; b: { id: string } | null }>(
      api,
      `
        query ($view: ID!) {
          a: statement(id: $view) {
            id
          }
          b: statement(id: "fact:0000000000000000") {
            id
          }
        }
      `,
      { view: `${relation.id}/incoming` },
    );
    expect(data).toEqual({ a: { id: relation.id }, b: null });
  });
});

describe('nodes(ids:) and node(id:)', () => {
  it('answers in input order, each as its type, null where nothing matches', async () => {
    const relation = facts.find((f) => f.object && f.subject === 'drug:baclofen')!;
    const ids = ['drug:baclofen', relation.id, 'nothing:here', `${relation.id}/incoming`, 'source:drugcentral'];
    const { data } = await graphql<{ nodes: ({ __typename: string; id: string } | null)[] }>(
      api,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Relation { direction statementId } } }',
      { ids },
    );
    expect(data!.nodes).toEqual([
      { __typename: 'Drug', id: 'drug:baclofen' },
      { __typename: 'Fact', id: relation.id },
      null,
      { __typename: 'Relation', id: `${relation.id}/incoming`, direction: 'INCOMING', statementId: relation.id },
      { __typename: 'Source', id: 'source:drugcentral' },
    ]);
  });

  it('gives what is loaded by its meta id, and a reviewed disagreement by its id, as the fields that hand them out', async () => {
    const { data } = await graphql<{
      meta: { id: string; dataVersion: string };
      drug: { disagreements: { id: string; note: string; statements: { id: string }[] }[] };
    }>(api, '{ meta { id dataVersion } drug(id: "drug:baclofen") { disagreements { id note statements { id } } } }');
    const [disagreement] = data!.drug.disagreements;
    expect(disagreement).toBeDefined();
    const { data: again } = await graphql<{ nodes: unknown[] }>(
      api,
      `
        query ($ids: [ID!]!) {
          nodes(ids: $ids) {
            __typename
            id
            ... on Meta {
              dataVersion
            }
            ... on Disagreement {
              note
              statements {
                id
              }
            }
          }
        }
      `,
      { ids: [data!.meta.id, disagreement!.id, 'meta:0000', 'disagreement:0000'] },
    );
    expect(again!.nodes).toEqual([
      { __typename: 'Meta', ...data!.meta },
      { __typename: 'Disagreement', ...disagreement },
      null,
      null,
    ]);
  });

  it('refuses more than 100 ids, naming the bound', async () => {
    const { errors } = await graphql(api, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array.from({ length: 101 }, (_, i) => `drug:x${i}`),
    });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/at most 100 ids/);
  });
});
