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

describe('brief and full neighbourhoods through the API', () => {
  const database = openDatabase();
  const api = testApi(database, { RESPONSE_CACHE: 'false' });
  beforeAll(() => useStandardGraph(database));
  afterAll(() => database.close());

  type Node = { id: string; kind: string; name: string; description?: string };
  type Edge = { id: string; type: string; source: string; target: string; citation?: { statement: string } };
  type Answer = { neighbourhood: { centre: Node; nodes: Node[]; edges: Edge[] } };

  it('gives the same nodes and edges whether the selection asks for ids alone or for descriptions and citations', async () => {
    for (const depth of [1, 2, 3]) {
      const brief = await graphql<Answer>(
        api,
        `{ neighbourhood(id: "drug:baclofen", depth: ${depth}) { centre { id name } nodes { id kind name } edges { id type source target } } }`,
      );
      const full = await graphql<Answer>(
        api,
        `{ neighbourhood(id: "drug:baclofen", depth: ${depth}) { centre { id name description } nodes { id kind name description } edges { id type source target citation { statement } } } }`,
      );
      expect(brief.errors).toBeUndefined();
      expect(full.errors).toBeUndefined();
      const b = brief.data!.neighbourhood;
      const f = full.data!.neighbourhood;
      expect(b.nodes.length).toBeGreaterThan(100);
      expect(f.nodes.map(({ id, kind, name }) => ({ id, kind, name }))).toEqual(b.nodes);
      expect(f.edges.map(({ id, type, source, target }) => ({ id, type, source, target }))).toEqual(b.edges);
      expect(f.nodes.every((n) => (n.description ?? '').length > 10)).toBe(true);
      expect(f.edges.every((e) => (e.citation?.statement ?? '').length > 10)).toBe(true);
    }
  });
});

describe('brief and full search hits through the API', () => {
  const database = openDatabase();
  const api = testApi(database, { RESPONSE_CACHE: 'false' });
  beforeAll(() => useStandardGraph(database));
  afterAll(() => database.close());

  type Hit = { entity: { id: string; name: string; description?: string }; score: number; matchedField: string };

  it('ranks the same hits with the same scores whether entities are asked for briefly or in full', async () => {
    for (const query of ['baclofn', 'ozobax', 'gaba receptor', 'withdrawal']) {
      const brief = await graphql<{ search: Hit[] }>(
        api,
        `{ search(query: "${query}") { entity { id name } score matchedField } }`,
      );
      const full = await graphql<{ search: Hit[] }>(
        api,
        `{ search(query: "${query}") { entity { id name description } score matchedField } }`,
      );
      expect(brief.data!.search.length, query).toBeGreaterThan(0);
      expect(
        full.data!.search.map(({ entity: { id, name }, score, matchedField }) => ({
          entity: { id, name },
          score,
          matchedField,
        })),
      ).toEqual(brief.data!.search);
      expect(full.data!.search.every((h) => (h.entity.description ?? '').length > 10)).toBe(true);
    }
  });
});

describe('brief and full root drugs through the API', () => {
  const database = openDatabase();
  const api = testApi(database, { RESPONSE_CACHE: 'false' });
  beforeAll(() => useStandardGraph(database));
  afterAll(() => database.close());

  type Drug = { id: string; name: string; description?: string; brands: { name: string }[] } | null;
  const NAMES = JSON.stringify(['baclofen', 'Lioresal', 'phenibut', 'GHB', 'no-such-drug', 'β-phenyl-GABA']);

  it('answer a batch alike whether the drugs themselves are fetched brief or in full', async () => {
    const brief = await graphql<{ drugs: Drug[] }>(api, `{ drugs(names: ${NAMES}) { id name brands { name } } }`);
    const full = await graphql<{ drugs: Drug[] }>(
      api,
      `{ drugs(names: ${NAMES}) { id name description brands { name } } }`,
    );
    expect(brief.errors).toBeUndefined();
    expect(full.errors).toBeUndefined();
    expect(brief.data!.drugs.filter(Boolean).length).toBe(5);
    expect(brief.data!.drugs[0]!.brands.length).toBeGreaterThan(2);
    expect(full.data!.drugs.map((d) => d && { id: d.id, name: d.name, brands: d.brands })).toEqual(brief.data!.drugs);
    expect(full.data!.drugs.filter(Boolean).every((d) => (d!.description ?? '').length > 10)).toBe(true);
  });

  it('give one drug the same content in one operation, brief in one field and full in another', async () => {
    type Answer = {
      a: { id: string; name: string; targets: { affinities: { drug: { id: string; name: string } }[] }[] };
      b: { id: string; name: string; description: string; synonyms: string[] };
      c: { id: string; name: string; disagreements: { id: string }[] };
    };
    const answer = await graphql<Answer>(
      api,
      `
        {
          a: drug(name: "baclofen") {
            id
            name
            targets {
              affinities {
                drug {
                  id
                  name
                }
              }
            }
          }
          b: drug(name: "baclofen") {
            id
            name
            description
            synonyms
          }
          c: drug(id: "drug:baclofen") {
            id
            name
            disagreements {
              id
            }
          }
        }
      `,
    );
    expect(answer.errors).toBeUndefined();
    const { a, b, c } = answer.data!;
    expect(a.id).toBe(b.id);
    expect(a.name).toBe(b.name);
    expect(c.name).toBe(b.name);
    expect(b.description.length).toBeGreaterThan(10);
    expect(b.synonyms.length).toBeGreaterThan(0);
    const affinityDrugs = a.targets.flatMap((t) => t.affinities.map((x) => x.drug));
    expect(affinityDrugs.length).toBeGreaterThan(0);
    for (const drug of affinityDrugs) expect(drug).toEqual({ id: a.id, name: a.name });
    // The reviewed disagreements live on the drug itself: read in full, never lost to a brief fetch.
    const alone = await graphql<{ drug: { description: string; disagreements: { id: string }[] } }>(
      api,
      '{ drug(id: "drug:baclofen") { description disagreements { id } } }',
    );
    expect(alone.data!.drug.disagreements.length).toBeGreaterThan(0);
    expect(c.disagreements).toEqual(alone.data!.drug.disagreements);
  });
});
