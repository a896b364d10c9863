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
  it('are what a load takes by default, under a version of their own', async () => {
    expect(await graphVersion(database)).toBe(prepareSeed(undefined, { datasets: 'neighbourhood' }).version);
    expect(await graphVersion(database)).toBe(prepareSeed().version);
    expect(await graphVersion(database)).not.toBe(prepareSeed(undefined, { datasets: 'none' }).version);
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

  it('give gabapentin its own indications from PharmacotherapyDB, with the physicians’ category and the record', async () => {
    const { data, errors } = await graphql<{
      drug: {
        indications: {
          condition: { id: string };
          category: string | null;
          citations: { source: { id: string }; record: { file: string; line: number } | null }[];
        }[];
      };
    }>(
      api,
      '{ drug(name: "gabapentin") { indications { condition { id } category citations { source { id } record { file line } } } } }',
    );
    expect(errors).toBeUndefined();
    const of = (id: string) => data!.drug.indications.find((i) => i.condition.id === id);
    // The rows, found here in the project's copy of the file.
    const lines = readFileSync('seed/sources/pharmacotherapydb/indications.tsv', 'utf8').split('\n');
    const lineOf = (doid: string) => lines.findIndex((l) => l.startsWith(`${doid}\tDB00996\t`)) + 1;
    expect(lineOf('DOID:1826')).toBeGreaterThan(1);
    expect(of('condition:epilepsy')).toEqual({
      condition: { id: 'condition:epilepsy' },
      category: 'disease-modifying',
      citations: [
        {
          source: { id: 'source:pharmacotherapydb' },
          record: { file: 'pharmacotherapydb/indications.tsv', line: lineOf('DOID:1826') },
        },
      ],
    });
    const rls = of('condition:restless-legs-syndrome')!;
    expect(rls.category).toBe('symptomatic');
    // Stated by PharmacotherapyDB and by DrugCentral's indication file: one statement, two records.
    expect(rls.citations.map((c) => [c.source.id, c.record?.file])).toEqual([
      ['source:pharmacotherapydb', 'pharmacotherapydb/indications.tsv'],
      ['source:drugcentral', 'drugcentral/indications.tsv'],
    ]);
    // The article's indications of baclofen are classed by no source.
    const { data: baclofen } = await graphql<{
      drug: { indications: { category: string | null; citations: { source: { id: string } }[] }[] };
    }>(api, '{ drug(name: "baclofen") { indications { category citations { source { id } } } } }');
    for (const i of baclofen!.drug.indications)
      if (i.citations.every((c) => c.source.id === 'source:wikipedia-baclofen')) expect(i.category).toBeNull();
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

describe('which sources a statement rests on', () => {
  const SOURCES_OF = 'citations { source { id kind } }';
  type Sourced = { citations: { source: { id: string; kind: string } }[] };
  const sourceIds = (s: Sourced) => s.citations.map((c) => c.source.id);

  it('filter a drug’s lists by source, each statement kept whole with every citation', async () => {
    const { data, errors } = await graphql<{
      drug: { all: (Sourced & { id: string })[]; fromPtdb: (Sourced & { id: string; condition: { id: string } })[] };
    }>(
      api,
      `{ drug(name: "baclofen") {
          all: indications { id ${SOURCES_OF} }
          fromPtdb: indications(sources: ["source:pharmacotherapydb"]) { id condition { id } ${SOURCES_OF} } } }`,
    );
    expect(errors).toBeUndefined();
    const { all, fromPtdb } = data!.drug;
    const expected = all.filter((i) => sourceIds(i).includes('source:pharmacotherapydb'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    // The same statements, in the same order, with the same citations as unfiltered.
    expect(fromPtdb.map(({ id, citations }) => ({ id, citations }))).toEqual(expected);
    const ms = fromPtdb.find((i) => i.condition.id === 'condition:multiple-sclerosis')!;
    expect(sourceIds(ms)).toEqual(['source:wikipedia-baclofen', 'source:pharmacotherapydb']);
  });

  it('filter relations of any entity by source, and refuse a source that is not loaded', async () => {
    const { data } = await graphql<{ entity: { relations: (Sourced & { type: string })[] } }>(
      api,
      `{ entity(id: "drug:gabapentin") { relations(sources: ["source:wikipedia-baclofen"]) { type ${SOURCES_OF} } } }`,
    );
    expect(data!.entity.relations.length).toBeGreaterThan(0);
    for (const r of data!.entity.relations) expect(sourceIds(r)).toContain('source:wikipedia-baclofen');
    const refused = await graphql(api, '{ drug(name: "baclofen") { targets(sources: ["source:nowhere"]) { id } } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('"source:nowhere" is not loaded');
    expect(refused.errors?.[0]?.message).toContain('source:drugcentral');
  });

  it('count in meta what each source supports, as the loaded rows hold it', async () => {
    const { data, errors } = await graphql<{
      meta: {
        sources: { id: string }[];
        sourceStatistics: {
          source: { id: string; licence: string; asOf: string | null };
          statementCount: number;
          evidenceCount: number;
          identifierCount: number;
          entityCount: number;
        }[];
      };
    }>(
      api,
      `
        {
          meta {
            sources {
              id
            }
            sourceStatistics {
              source {
                id
                licence
                asOf
              }
              statementCount
              evidenceCount
              identifierCount
              entityCount
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const { sources, sourceStatistics } = data!.meta;
    expect(sourceStatistics.map((s) => s.source.id)).toEqual(sources.map((s) => s.id));
    // Counted here from the rows the load wrote, one source at a time.
    const rows = prepareSeed();
    const statements = [...[...rows.relations.values()].flat(), ...rows.literals];
    for (const id of [
      'source:wikipedia-baclofen',
      'source:drugcentral',
      'source:pharmacotherapydb',
      'source:hetionet',
    ]) {
      const evidence = statements.map((s) =>
        (JSON.parse(s.props.citeEvidence!) as { citeSource: string }[]).filter((e) => e.citeSource === id),
      );
      expect(sourceStatistics.find((s) => s.source.id === id)).toMatchObject({
        statementCount: evidence.filter((e) => e.length > 0).length,
        evidenceCount: evidence.reduce((n, e) => n + e.length, 0),
        identifierCount: rows.identifiers.filter((i) => i.props.citeSource === id).length,
        entityCount: [...rows.entities.values()].flat().filter((e) => e.props.citeSource === id).length,
      });
    }
    const drugCentral = sourceStatistics.find((s) => s.source.id === 'source:drugcentral')!;
    expect(drugCentral.statementCount).toBeGreaterThan(50);
    expect(drugCentral.source).toMatchObject({ licence: expect.stringContaining('CC BY 4.0'), asOf: '2017' });
  });

  it('connect DrugCentral’s genes to the article’s receptors where a cited page says how', async () => {
    const { data, errors } = await graphql<{
      gabbr1: { relations: (Sourced & { node: { id: string }; citation: { url: string } })[] };
      gabbr2: { relations: unknown[] };
      alpha2delta: { relations: (Sourced & { node: { id: string } })[] };
    }>(
      api,
      `{ gabbr1: entity(id: "target:gabbr1") { relations(types: [PART_OF]) { node { id } citation { url } ${SOURCES_OF} } }
         gabbr2: entity(id: "target:gabbr2") { relations(types: [PART_OF]) { node { id } } }
         alpha2delta: entity(id: "target:alpha2delta-vgcc") { relations(types: [PART_OF], direction: INCOMING) { node { id } ${SOURCES_OF} } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.gabbr1.relations.map((r) => [r.node.id, r.citations[0]!.source.kind])).toEqual([
      ['target:gaba-b-receptor', 'PAGE'],
    ]);
    expect(data!.gabbr1.relations[0]!.citation.url).toContain('title=GABBR1');
    // No page found states how GABBR2 is part of the receptor, so nothing connects it.
    expect(data!.gabbr2.relations).toEqual([]);
    expect(data!.alpha2delta.relations.map((r) => [r.node.id, sourceIds(r)])).toEqual([
      ['target:cacna2d1', ['source:hgnc-cacna2d']],
      ['target:cacna2d2', ['source:hgnc-cacna2d']],
    ]);
  });

  it('show where sources disagree about baclofen, each side with its own sources', async () => {
    const { data, errors } = await graphql<{
      drug: {
        disagreements: {
          id: string;
          note: string;
          statements: (Sourced & { id: string; type: string; node: { id: string } })[];
        }[];
      };
    }>(
      api,
      `{ drug(name: "baclofen") { disagreements { id note statements { id type node { id } ${SOURCES_OF} } } } }`,
    );
    expect(errors).toBeUndefined();
    const [disagreement, ...more] = data!.drug.disagreements;
    expect(more).toEqual([]);
    expect(disagreement!.id).toMatch(/^disagreement:[0-9a-f]{16}$/);
    expect(disagreement!.note).toContain('GABA A');
    const sides = disagreement!.statements.map((s) => [s.type, s.node.id, [...new Set(sourceIds(s))]]);
    expect(sides).toContainEqual(['MEMBER_OF', 'class:ndfrt-n0000000196', ['source:drugcentral']]);
    expect(sides).toContainEqual(['ACTS_ON', 'target:gaba-b-receptor', ['source:wikipedia-baclofen']]);
    // The sides are the statements the drug's lists serve, under the same ids.
    const { data: lists } = await graphql<{ drug: { classes: { id: string }[]; targets: { id: string }[] } }>(
      api,
      '{ drug(name: "baclofen") { classes { id } targets { id } } }',
    );
    const served = new Set([...lists!.drug.classes, ...lists!.drug.targets].map((s) => s.id));
    for (const s of disagreement!.statements) expect(served).toContain(s.id);
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
