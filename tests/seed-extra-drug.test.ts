/**
 * A second drug is a matter of adding data files, with no code change: a fixture directory with
 * its own (fictional) article, locator list, registry, entities, facts and identifiers is loaded
 * beside the project's data, and the API serves the new drug with its citations.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, prepareSeed, seedGraph } from '../seed/seedGraph.js';
import { graphVersion } from '../src/neo4j/meta.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/extra-drug', import.meta.url));
const database = openDatabase();
const api = testApi(database);

beforeAll(async () => {
  await seedGraph(database, { dataDirs: [DEFAULT_DATA_DIR, FIXTURE_DIR] });
});
afterAll(async () => {
  await useStandardGraph(database);
  await database.close();
});

const citation = 'citation { source { id } section paragraph sentence url statement hedge }';
const DRUG = `query ($name: String!) {
  drug(name: $name) {
    id name kind synonyms
    ${citation}
    classes { drugClass { id } ${citation} }
    targets { target { id name } action selectivity affinities { measure value unit stereoisomer } ${citation} }
    pharmacokinetics { attribute value unit ${citation} }
    identifiers { namespace value url source { id } }
  }
}`;

const article = (section: string, paragraph: number, sentence: number, statement: string) => ({
  source: { id: 'source:fixture-article' },
  section,
  paragraph,
  sentence,
  url:
    section === 'Lead'
      ? 'https://example.org/articles/fixturofen'
      : `https://example.org/articles/fixturofen#${section}`,
  statement,
  hedge: null,
});

describe('a drug added as data files only', () => {
  it('is loaded beside the project data, under a version of both', async () => {
    expect(await graphVersion(database)).toBe(prepareSeed([DEFAULT_DATA_DIR, FIXTURE_DIR]).version);
    expect(await graphVersion(database)).not.toBe(prepareSeed().version);
  });

  it('is found by name through the API, with its classes, targets, literals and identifiers, each cited', async () => {
    const { data, errors } = await graphql(api, DRUG, { name: 'fixturofen' });
    expect(errors).toBeUndefined();
    expect(data?.drug).toEqual({
      id: 'drug:fixturofen',
      name: 'Fixturofen',
      kind: 'Drug',
      synonyms: ['FX-101'],
      citation: article('Lead', 1, 1, 'Fixturofen is an imaginary GABA analogue used as an example.'),
      classes: [
        {
          drugClass: { id: 'class:gaba-analogue' },
          citation: article('Lead', 1, 1, 'Fixturofen is counted among the GABA analogues.'),
        },
      ],
      targets: expect.arrayContaining([
        {
          target: { id: 'target:gaba-b-receptor', name: 'GABAB receptor' },
          action: 'agonist',
          selectivity: 'selective',
          affinities: [{ measure: 'Ki', value: 2.5, unit: 'µM', stereoisomer: 'racemic' }],
          citation: article('Pharmacology', 1, 1, 'Fixturofen selectively stimulates GABAB receptors.'),
        },
        {
          target: { id: 'target:fixture-channel', name: 'Fixture channel' },
          action: 'blocker',
          selectivity: null,
          affinities: [],
          citation: article('Pharmacology', 1, 2, 'Fixturofen blocks the fixture channel.'),
        },
      ]),
      pharmacokinetics: [
        {
          attribute: 'halfLife',
          value: 6,
          unit: 'h',
          citation: article('Lead', 1, 2, 'Fixturofen has a half-life of six hours.'),
        },
      ],
      identifiers: [
        {
          namespace: 'DRUGBANK',
          value: 'DBFIXTURE01',
          url: 'https://registry.example.org/DBFIXTURE01',
          source: { id: 'source:fixture-registry' },
        },
      ],
    });
    expect((data?.drug as { targets: unknown[] }).targets).toHaveLength(2);
  });

  it('is found by its synonym and by its registry identifier', async () => {
    const { data } = await graphql<{ bySynonym: { id: string }; byIdentifier: { id: string } }>(
      api,
      '{ bySynonym: drug(name: "fx-101") { id } byIdentifier: drugByIdentifier(namespace: DRUGBANK, value: "DBFIXTURE01") { id } }',
    );
    expect(data).toEqual({ bySynonym: { id: 'drug:fixturofen' }, byIdentifier: { id: 'drug:fixturofen' } });
  });

  it('leaves the project’s own drug as it was', async () => {
    const { data } = await graphql<{ drug: { id: string; citation: { source: { id: string } } } }>(
      api,
      '{ drug(name: "baclofen") { id citation { source { id } } } }',
    );
    expect(data?.drug).toEqual({ id: 'drug:baclofen', citation: { source: { id: 'source:wikipedia-baclofen' } } });
  });
});
