/**
 * The datasets loaded beside the article (SEED_DATASETS=neighbourhood), against a real Neo4j:
 * gabapentin's own targets from DrugCentral, cited to their records; baclofen's use in multiple
 * sclerosis as one statement resting on the article and on PharmacotherapyDB; DrugCentral's
 * NDF-RT class "GABA A Agonists" served as its own statement beside the article's GABAB one;
 * and the full scope loading every record of the files.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSeed, seedGraph } from '../seed/seedGraph.js';
import { graphVersion } from '../src/neo4j/meta.js';
import { countsByKind, expectedCounts, graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase(30_000);
const api = testApi(database);

beforeAll(async () => {
  await seedGraph(database, { datasets: 'neighbourhood' });
}, 300_000);
afterAll(async () => {
  await useStandardGraph(database);
  await database.close();
}, 300_000);

const CITATION = 'id source { id } section paragraph sentence url statement reading qualifiers { key value }';

interface Citation {
  id: string;
  source: { id: string };
  section: string | null;
  paragraph: number | null;
  sentence: number | null;
  url: string;
  statement: string;
  reading: string;
  qualifiers: { key: string; value: string }[];
}

const DRUGCENTRAL_TARGETS =
  'https://github.com/dhimmel/drugcentral/blob/0e085ddb6aa42be367c85eba424edea716bebd94/rephetio/targets.tsv';

describe('datasets in the neighbourhood of the graph’s drugs', () => {
  it('are loaded under a version of their own', async () => {
    expect(await graphVersion(database)).toBe(prepareSeed(undefined, { datasets: 'neighbourhood' }).version);
    expect(await graphVersion(database)).not.toBe(prepareSeed().version);
  });

  it('give gabapentin CACNA2D1 and CACNA2D2 as a modulator, each cited to its DrugCentral record', async () => {
    const { data, errors } = await graphql<{
      drug: { targets: { target: { id: string; name: string }; action: string; citations: Citation[] }[] };
    }>(api, `{ drug(name: "gabapentin") { targets { target { id name } action citations { ${CITATION} } } } }`);
    expect(errors).toBeUndefined();
    const targets = data!.drug.targets.filter((t) => t.target.id.startsWith('target:cacna2d'));
    expect(targets.map((t) => [t.target.id, t.target.name, t.action])).toEqual([
      ['target:cacna2d1', 'CACNA2D1', 'modulator'],
      ['target:cacna2d2', 'CACNA2D2', 'modulator'],
    ]);
    const [cacna2d1, cacna2d2] = targets.map((t) => t.citations);
    expect(cacna2d1).toEqual([
      {
        id: expect.stringMatching(/^cite:/),
        source: { id: 'source:drugcentral' },
        section: null,
        paragraph: null,
        sentence: null,
        url: `${DRUGCENTRAL_TARGETS}#L334`,
        statement:
          'DrugCentral lists Gabapentin as a modulator of CACNA2D1 (Entrez Gene 781), from ChEMBL and the literature.',
        reading: 'DIRECT',
        qualifiers: [],
      },
    ]);
    expect(cacna2d2!.map((c) => [c.source.id, c.url])).toEqual([
      ['source:drugcentral', `${DRUGCENTRAL_TARGETS}#L1976`],
    ]);
  });

  it("show each dataset citation's record as the kept file holds it, and its source's kind, date and citation", async () => {
    const { data, errors } = await graphql<{
      drug: {
        targets: {
          target: { id: string };
          citations: {
            record: { file: string; line: number; key: string; fields: { key: string; value: string }[] } | null;
            source: { id: string; kind: string; asOf: string | null; citeAs: string | null };
          }[];
        }[];
      };
    }>(
      api,
      `
        {
          drug(name: "gabapentin") {
            targets {
              target {
                id
              }
              citations {
                record {
                  file
                  line
                  key
                  fields {
                    key
                    value
                  }
                }
                source {
                  id
                  kind
                  asOf
                  citeAs
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const cited = data!.drug.targets.find((t) => t.target.id === 'target:cacna2d1')!.citations;
    // The record's line, read here from the project's copy of the file.
    const lines = readFileSync('seed/sources/drugcentral/targets.tsv', 'utf8').split('\n');
    const header = lines[0]!.split('\t');
    const row = Object.fromEntries(lines[333]!.split('\t').map((value, i) => [header[i]!, value]));
    expect(cited).toHaveLength(1);
    const { record, source } = cited[0]!;
    expect(record).toMatchObject({
      file: 'drugcentral/targets.tsv',
      line: 334,
      key: `GeneID ${row.GeneID} x ${row.drugbank_id}`,
    });
    const fields = Object.fromEntries(record!.fields.map((f) => [f.key, f.value]));
    expect(fields).toMatchObject({ actions: row.actions, sources: row.sources, pubmed_ids: row.pubmed_ids });
    expect(source).toEqual({
      id: 'source:drugcentral',
      kind: 'DATASET',
      asOf: '2017',
      citeAs: expect.stringContaining('DrugCentral: online drug compendium'),
    });
    // The article's citations say so too, and carry no record.
    const { data: article } = await graphql<{
      drug: { targets: { citations: { record: null; source: { kind: string } }[] }[] };
    }>(api, '{ drug(name: "baclofen") { targets { citations { record { file } source { kind } } } } }');
    const pairs = new Set(
      article!.drug.targets.flatMap((t) => t.citations.map((c) => `${c.source.kind} ${c.record ? 'record' : 'none'}`)),
    );
    // Baclofen's targets rest on the article's sentences and on DrugCentral's records.
    expect([...pairs].sort()).toEqual(['ARTICLE none', 'DATASET record']);
  });

  it('make baclofen for multiple sclerosis one statement, stated by the article and by PharmacotherapyDB', async () => {
    const { data } = await graphql<{
      drug: {
        indications: {
          id: string;
          condition: { id: string };
          status: string;
          route: string | null;
          citations: Citation[];
        }[];
      };
    }>(
      api,
      `{ drug(name: "baclofen") { indications { id condition { id } status route citations { ${CITATION} } } } }`,
    );
    const ms = data!.drug.indications.filter(
      (i) => i.condition.id === 'condition:multiple-sclerosis' && i.route === null,
    );
    expect(ms).toHaveLength(1);
    const [statement] = ms;
    expect(statement!.status).toBe('used');
    expect(statement!.citations.map((c) => c.source.id)).toEqual([
      'source:wikipedia-baclofen',
      'source:pharmacotherapydb',
    ]);
    const [article, record] = statement!.citations;
    expect(article!.section).toBe('Lead');
    expect(record).toMatchObject({
      section: null,
      url: 'https://github.com/dhimmel/indications/blob/11d535ba0884ee56c3cd5756fdfb4985f313bd80/catalog/indications.tsv#L882',
      qualifiers: [{ key: 'category', value: 'symptomatic' }],
    });
  });

  it('keep NDF-RT’s "GABA A Agonists" class of baclofen as its own statement beside the article’s GABAB action', async () => {
    const { data } = await graphql<{
      drug: {
        classes: { drugClass: { id: string; name: string }; citations: Citation[] }[];
        targets: { target: { id: string }; action: string; citations: Citation[] }[];
      };
    }>(
      api,
      `{ drug(name: "baclofen") {
          classes { drugClass { id name } citations { ${CITATION} } }
          targets { target { id } action citations { ${CITATION} } } } }`,
    );
    const gabaA = data!.drug.classes.find((c) => c.drugClass.id === 'class:ndfrt-n0000000196');
    expect(gabaA?.drugClass.name).toBe('GABA A Agonists');
    expect(
      gabaA?.citations.map((c) => [
        c.source.id,
        c.url.endsWith('/rephetio/drug-to-class.tsv#L' + c.url.split('#L')[1]),
      ]),
    ).toEqual([['source:drugcentral', true]]);
    const gabaB = data!.drug.targets.find((t) => t.target.id === 'target:gaba-b-receptor' && t.action === 'agonist');
    expect(gabaB?.citations[0]?.source.id).toBe('source:wikipedia-baclofen');
    const genes = data!.drug.targets.filter((t) => ['target:gabbr1', 'target:gabbr2'].includes(t.target.id));
    expect(genes.map((t) => [t.target.id, t.action, t.citations[0]!.source.id])).toEqual([
      ['target:gabbr1', 'agonist', 'source:drugcentral'],
      ['target:gabbr2', 'agonist', 'source:drugcentral'],
    ]);
    // The article's muscle-relaxant statement gains DrugCentral's ChEBI record as second evidence.
    const relaxant = data!.drug.classes.find((c) => c.drugClass.id === 'class:muscle-relaxant');
    expect(relaxant?.citations.map((c) => c.source.id)).toEqual(['source:wikipedia-baclofen', 'source:drugcentral']);
  });

  it('store a gene-level target with its Entrez Gene id, read from Hetionet', async () => {
    const rows = await database.read<{ key: string; source: string; line: number }>({
      name: 'test: CACNA2D1 identifiers',
      cypher: `MATCH (:Target {id: 'target:cacna2d1'})-[:HAS_IDENTIFIER]->(i:Identifier)
               RETURN i.key AS key, i.citeSource AS source, i.citeLine AS line ORDER BY key`,
    });
    expect(rows.map((r) => [r.key, r.source])).toEqual([
      ['ENTREZ_GENE:781', 'source:hetionet'],
      ['GENE_SYMBOL:CACNA2D1', 'source:hetionet'],
    ]);
  });
});

describe('the full datasets', () => {
  it('load every record of the files, the counts Neo4j holds matching the rows', async () => {
    const rows = prepareSeed(undefined, { datasets: 'full' });
    await seedGraph(database, { rows });
    expect(await countsByKind(database)).toEqual(expectedCounts(rows));
    expect(rows.relations.get('ACTS_ON')!.length).toBeGreaterThan(2_000);
    const { data, errors } = await graphql<{ drug: { id: string; targets: unknown[] } }>(
      api,
      '{ drug(name: "goserelin") { id targets { target { id } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.drug.id).toBe('drug:goserelin');
  }, 600_000);
});
