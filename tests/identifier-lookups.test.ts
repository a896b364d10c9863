/**
 * Lookups by identifier for every kind (issue 20): `entityByIdentifier` and its batch form find
 * the entity that holds a registry identifier, with the same content `entity(id:)` gives it (one
 * id, one content, in any client cache), in input order with null for a miss, in one round trip;
 * bad input is refused as BAD_USER_INPUT saying what is allowed; and `identifiers` is a field of
 * every entity type, not only of Drug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

/** Everything an entity shows, its nested entities' identifiers included, as a client might cache it. */
const EVERYTHING = `
  fragment Everything on Entity {
    __typename id kind name synonyms description
    aliases { id name citations { id statement } }
    citation { id statement url section paragraph sentence hedge reading source { id title url licence } }
    identifiers { id namespace value url source { id title url licence } }
    relations { id statementId type direction node { id name } qualifiers { key value } citations { id statement } }
    ... on Drug {
      targets { id action selectivity target { id name identifiers { id value } } citations { id } }
      brands { id name }
      classes { id drugClass { id name } }
      pharmacokinetics { id attribute value low high unit text }
    }
  }`;

type Found = { id: string } | null;

describe('entityByIdentifier', () => {
  it('finds baclofen by its DrugBank id with exactly the content entity(id:) gives', async () => {
    const { data, errors } = await graphql<{ byIdentifier: Record<string, unknown>; byId: Record<string, unknown> }>(
      api,
      `
        {
          byIdentifier: entityByIdentifier(namespace: DRUGBANK, value: "DB00181") {
            ...Everything
          }
          byId: entity(id: "drug:baclofen") {
            ...Everything
          }
        }
        ${EVERYTHING}
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.byIdentifier).toMatchObject({ __typename: 'Drug', id: 'drug:baclofen', name: 'Baclofen' });
    expect(data!.byIdentifier.identifiers).toContainEqual({
      id: 'identifier:DRUGBANK:DB00181',
      namespace: 'DRUGBANK',
      value: 'DB00181',
      url: 'https://go.drugbank.com/drugs/DB00181',
      source: expect.objectContaining({ title: 'DrugBank' }),
    });
    expect((data!.byIdentifier.relations as unknown[]).length).toBeGreaterThan(100);
    expect(data!.byIdentifier).toEqual(data!.byId);
  });

  it('answers an identifier no entity holds, or one asked in another namespace, with null', async () => {
    const { data, errors } = await graphql<Record<string, Found>>(
      api,
      `
        {
          unknown: entityByIdentifier(namespace: DRUGBANK, value: "DB99999") {
            id
          }
          otherNamespace: entityByIdentifier(namespace: PUBCHEM_CID, value: "DB00181") {
            id
          }
          emptyValue: entityByIdentifier(namespace: DOID, value: "") {
            id
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ unknown: null, otherNamespace: null, emptyValue: null });
  });

  it('reads a value as clients write it: spaces trimmed, a ChEBI id with or without its prefix', async () => {
    const { data, errors } = await graphql<Record<string, Found>>(
      api,
      `
        {
          stored: entityByIdentifier(namespace: CHEBI, value: "CHEBI:2972") {
            id
          }
          bare: entityByIdentifier(namespace: CHEBI, value: "2972") {
            id
          }
          lowerCase: entityByIdentifier(namespace: CHEBI, value: "chebi:2972") {
            id
          }
          spaced: entityByIdentifier(namespace: DRUGBANK, value: "  DB00181 ") {
            id
          }
          drugByBare: drugByIdentifier(namespace: CHEBI, value: "2972") {
            id
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(Object.values(data!)).toEqual(Array.from({ length: 5 }, () => ({ id: 'drug:baclofen' })));
  });

  it('refuses a namespace that is not one, literal or variable, with BAD_USER_INPUT naming it', async () => {
    const literal = await graphql(api, '{ entityByIdentifier(namespace: DOI, value: "10.1/x") { id } }');
    expect(literal.data).toBeUndefined();
    expect(literal.errors).toHaveLength(1);
    expect(literal.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // Outside production the message goes on to suggest the nearest namespace.
    expect(literal.errors![0]!.message).toMatch(
      /^invalid value for argument "namespace" of "entityByIdentifier": Value "DOI" does not exist in "IdentifierNamespace" enum\./,
    );
    const variable = await graphql(
      api,
      'query($ns: IdentifierNamespace!) { entitiesByIdentifier(namespace: $ns, values: ["1"]) { id } }',
      { ns: 'doid' },
    );
    expect(variable.errors).toHaveLength(1);
    expect(variable.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(variable.errors![0]!.message).toMatch(
      /^Variable "\$ns" got invalid value "doid"; Value "doid" does not exist in "IdentifierNamespace" enum\./,
    );
  });
});

describe('entitiesByIdentifier', () => {
  it('answers one entry per value, in input order, null where nothing matches, repeats included', async () => {
    const values = ['DB00230', 'DB99999', 'DB00181', ' DB00996 ', 'DB00181', 'CHEBI:2972'];
    const { data, errors } = await graphql<{ entitiesByIdentifier: Found[] }>(
      api,
      'query($values: [String!]!) { entitiesByIdentifier(namespace: DRUGBANK, values: $values) { id } }',
      { values },
    );
    expect(errors).toBeUndefined();
    expect(data!.entitiesByIdentifier.map((e) => e?.id ?? null)).toEqual([
      'drug:pregabalin',
      null,
      'drug:baclofen',
      'drug:gabapentin',
      'drug:baclofen',
      null,
    ]);
  });

  it('answers no values with an empty list', async () => {
    const { data, errors } = await graphql(api, '{ entitiesByIdentifier(namespace: MESH, values: []) { id } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ entitiesByIdentifier: [] });
  });

  it('refuses more values than the batch bound with BAD_USER_INPUT saying the bound', async () => {
    const { data, errors } = await graphql(
      api,
      'query($values: [String!]!) { entitiesByIdentifier(namespace: ENTREZ_GENE, values: $values) { id } }',
      { values: Array.from({ length: 101 }, (_, i) => String(i)) },
    );
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'entitiesByIdentifier accepts at most 100 values; got 101',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('costs one round trip, nested identifiers and relations included', async () => {
    const before = database.roundTrips;
    const { data, errors } = await graphql<{ entitiesByIdentifier: { identifiers: unknown[] }[] }>(
      api,
      `
        {
          entitiesByIdentifier(namespace: PUBCHEM_CID, values: ["2284", "0", "5486971"]) {
            id
            name
            identifiers {
              namespace
              value
            }
            relations {
              type
              node {
                id
                name
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.entitiesByIdentifier[0]!.identifiers.length).toBeGreaterThan(5);
    expect(database.roundTrips - before).toBe(1);
  });
});

describe('identifiers on every entity type', () => {
  it('are a field of the Entity interface, empty for a kind no source identifies yet', async () => {
    const { data, errors } = await graphql<Record<string, { __typename: string; identifiers: unknown[] }>>(
      api,
      `
        {
          route: entity(id: "route:intrathecal") {
            __typename
            identifiers {
              id
            }
          }
          person: entity(id: "person:heinrich-keberle") {
            __typename
            identifiers {
              id
            }
          }
          organization: entity(id: "org:fda") {
            __typename
            identifiers {
              id
            }
          }
          drug: entity(id: "drug:gaba") {
            __typename
            identifiers {
              id
              namespace
              value
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.route).toEqual({ __typename: 'Route', identifiers: [] });
    expect(data!.person).toEqual({ __typename: 'Person', identifiers: [] });
    expect(data!.organization).toEqual({ __typename: 'Organization', identifiers: [] });
    expect(data!.drug!.identifiers).toContainEqual({
      id: 'identifier:CHEBI:CHEBI:16865',
      namespace: 'CHEBI',
      value: 'CHEBI:16865',
    });
  });

  it("are asked of a drug's neighbours through the interface, for every kind it reaches", async () => {
    const { data, errors } = await graphql<{
      drug: { relations: { node: { __typename: string; identifiers: { id: string }[] } }[] };
    }>(api, '{ drug(id: "drug:baclofen") { relations { node { __typename id identifiers { id } } } } }');
    expect(errors).toBeUndefined();
    const kinds = new Set(data!.drug.relations.map((r) => r.node.__typename));
    expect(kinds.size).toBeGreaterThan(5);
    for (const { node } of data!.drug.relations) expect(Array.isArray(node.identifiers)).toBe(true);
  });
});
