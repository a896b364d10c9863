/**
 * Identifiers on kinds other than Drug, as the datasets of issue 20 bring them (a condition's
 * DOID, a class's ChEBI id, an effect's UMLS id): with a data directory that gives some beside the
 * project's data, each entity lists its own, and the lookups by identifier find it, a DOID with
 * or without its prefix, with the content `entity(id:)` gives it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, seedGraph } from '../seed/seedGraph.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/identifiers-every-kind', import.meta.url));
const database = openDatabase();
const api = testApi(database);

beforeAll(async () => {
  // The fixture stands in for the datasets, which tests/identifier-lookups.test.ts loads as they are.
  await seedGraph(database, { dataDirs: [DEFAULT_DATA_DIR, FIXTURE_DIR], datasets: 'none' });
}, 120_000);
afterAll(async () => {
  await useStandardGraph(database);
  await database.close();
}, 120_000);

const REGISTRY = { id: 'source:fixture-ontology-registry', title: 'Ontology registry (a stand-in for the tests)' };

const EVERYTHING = `
  fragment Everything on Entity {
    __typename id kind name synonyms description
    aliases { id name }
    citation { id statement url source { id } }
    identifiers { id namespace value url source { id title } }
    relations { id statementId type direction node { id name identifiers { id } } citations { id statement } }
  }`;

type Found = { id: string } | null;

describe('identifiers of a condition, a class and an effect', () => {
  it('are listed on each entity by namespace then value, each with its url and registry', async () => {
    const { data, errors } = await graphql<Record<string, { identifiers: unknown[] }>>(
      api,
      `
        {
          condition: entity(id: "condition:multiple-sclerosis") {
            identifiers {
              id
              namespace
              value
              url
              source {
                id
                title
              }
            }
          }
          effect: entity(id: "effect:dizziness") {
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
    expect(data!.condition!.identifiers).toEqual([
      {
        id: 'identifier:DOID:DOID:2377',
        namespace: 'DOID',
        value: 'DOID:2377',
        url: 'https://purl.obolibrary.org/obo/DOID_2377',
        source: REGISTRY,
      },
    ]);
    expect(data!.effect!.identifiers).toEqual([
      { id: 'identifier:MESH:D004244', namespace: 'MESH', value: 'D004244' },
      { id: 'identifier:UMLS:C0012833', namespace: 'UMLS', value: 'C0012833' },
    ]);
  });

  it('find their entity, a DOID as written or as its bare number, with the content entity(id:) gives', async () => {
    const { data, errors } = await graphql<Record<string, unknown>>(
      api,
      `
        {
          prefixed: entityByIdentifier(namespace: DOID, value: "DOID:2377") {
            ...Everything
          }
          bare: entityByIdentifier(namespace: DOID, value: "2377") {
            ...Everything
          }
          byId: entity(id: "condition:multiple-sclerosis") {
            ...Everything
          }
        }
        ${EVERYTHING}
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.byId).toMatchObject({ __typename: 'Condition', id: 'condition:multiple-sclerosis' });
    expect(data!.prefixed).toEqual(data!.byId);
    expect(data!.bare).toEqual(data!.byId);
  });

  it('are found in one batch across kinds, in input order, null where the namespace holds no such value', async () => {
    const { data, errors } = await graphql<Record<string, (Found & { __typename: string })[]>>(
      api,
      `
        {
          mesh: entitiesByIdentifier(namespace: MESH, values: ["D004244", "C0012833"]) {
            __typename
            id
          }
          chebi: entitiesByIdentifier(namespace: CHEBI, values: ["CHEBI:51371", "2972"]) {
            __typename
            id
          }
          umls: entitiesByIdentifier(namespace: UMLS, values: ["C0012833"]) {
            __typename
            id
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      mesh: [{ __typename: 'Effect', id: 'effect:dizziness' }, null],
      chebi: [
        { __typename: 'DrugClass', id: 'class:muscle-relaxant' },
        { __typename: 'Drug', id: 'drug:baclofen' },
      ],
      umls: [{ __typename: 'Effect', id: 'effect:dizziness' }],
    });
  });
});
