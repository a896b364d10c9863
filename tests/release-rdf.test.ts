/**
 * The RDF of the whole graph (src/release/rdf.ts, rdfFormats.ts) read from the real Neo4j and
 * checked with the tools researchers use: N3's parser and the jsonld library read it back as the
 * same triples, and rdflib, running the SPARQL queries in docs/sparql/ exactly as written, gives
 * the same answers as the GraphQL API and the export.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { queryFacts, type ExportedFact } from '../src/graph/facts.js';
import { entityUrl, idOfSegment, statementUrl, vocabularyIri } from '../src/model/resourceUrls.js';
import type { StoredSource } from '../src/model/storedShapes.js';
import { factQuads } from '../src/release/rdf.js';
import { toJsonLd, toNTriples } from '../src/release/rdfFormats.js';
import { PYTHON_SETUP_MS, researchPython, runPython } from './support/python.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const SPARQL = resolve(import.meta.dirname, '../docs/sparql');
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDF_STATEMENT = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement';
const DERIVED_FROM = 'http://www.w3.org/ns/prov#wasDerivedFrom';

const database = openDatabase();
const api = testApi(database);
// The queries in docs/sparql/ name the vocabulary under the default PUBLIC_URL, as a release made with it does.
const base = loadConfig({}).PUBLIC_URL;
const dir = mkdtempSync(join(tmpdir(), 'drug-facts-rdf-'));
const graphFile = join(dir, 'graph.nt');
let facts: ExportedFact[];
let sources: StoredSource[];
let quads: Quad[];
let triples: string;

beforeAll(async () => {
  await useStandardGraph(database);
  ({ facts, sources } = await queryFacts(database));
  quads = factQuads(facts, sources, base);
  triples = toNTriples(quads);
  writeFileSync(graphFile, triples);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.close();
});

const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${JSON.stringify(q.object)}`;

/** The id an IRI of ours names, from the part after `prefix` (an entity's or statement's URL with no id). */
const idAfter = (prefix: string, iri: string) => idOfSegment(iri.slice(prefix.length));
const statementId = (iri: string) => idAfter(statementUrl(base, ''), iri);
const entityId = (iri: string) => idAfter(entityUrl(base, ''), iri);
const citationId = (iri: string) => decodeURIComponent(iri.slice(iri.indexOf('#') + 1));

describe('the RDF of the whole graph', () => {
  it('makes every fact one statement, derived from every piece of its evidence', () => {
    const statements = quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === RDF_STATEMENT);
    expect(statements.map((q) => statementId(q.subject.value)).sort()).toEqual(facts.map((f) => f.id).sort());
    const evidence = quads.filter((q) => q.predicate.value === DERIVED_FROM);
    expect(evidence).toHaveLength(facts.reduce((n, f) => n + f.citations.length, 0));
  });

  it('writes N-Triples that N3 parses back to the same triples', () => {
    const parsed = new Parser({ format: 'N-Triples' }).parse(triples);
    expect(parsed.map(key)).toEqual(quads.map(key));
  });

  it('writes JSON-LD that jsonld expands, compacts and converts back to the same triples', async () => {
    const document = await toJsonLd(quads, base);
    const expanded = await jsonld.expand(document);
    const compacted = await jsonld.compact(expanded, document['@context'] as jsonld.ContextDefinition);
    const text = (await jsonld.toRDF(compacted, { format: 'application/n-quads' })) as unknown as string;
    const back = new Parser({ format: 'N-Quads' }).parse(text);
    expect(back).toHaveLength(quads.length);
    expect(new Set(back.map(key))).toEqual(new Set(quads.map(key)));
  });
});

describe('rdflib, running the queries in docs/sparql/', () => {
  let python: string | null = null;
  beforeAll(() => {
    const found = researchPython();
    if ('skipped' in found)
      process.stdout.write(`skipped: the rdflib checks of tests/release-rdf.test.ts: ${found.skipped}\n`);
    else python = found.python;
  }, PYTHON_SETUP_MS);

  function sparql(file: string): Record<string, string | null>[] {
    const query = readFileSync(join(SPARQL, file), 'utf8');
    expect(query).toContain(`PREFIX vocab: <${vocabularyIri(base, '')}>`);
    const program = readFileSync(join(SPARQL, 'run.py'), 'utf8');
    const answer = JSON.parse(runPython(python!, program, [graphFile, join(SPARQL, file)])) as {
      triples: number;
      rows: Record<string, string | null>[];
    };
    expect(answer.triples).toBe(quads.length);
    return answer.rows;
  }

  it("finds baclofen's targets and the sentences cited for each, as the API gives them", async ({ skip }) => {
    if (!python) return skip();
    const rows = sparql('baclofen-targets.rq').map((r) =>
      [
        statementId(r.statement!),
        entityId(r.target!),
        r.action,
        citationId(r.evidence!),
        r.says,
        r.section,
        r.paragraph,
        r.sentence,
        r.record,
      ].join(' | '),
    );
    const { data, errors } = await graphql<{
      drug: {
        targets: {
          id: string;
          action: string;
          target: { id: string };
          citations: {
            id: string;
            statement: string;
            section: string | null;
            paragraph: number | null;
            sentence: number | null;
            url: string;
            record: { file: string } | null;
          }[];
        }[];
      };
    }>(
      api,
      `
        {
          drug(id: "drug:baclofen") {
            targets {
              id
              action
              target {
                id
              }
              citations {
                id
                statement
                section
                paragraph
                sentence
                url
                record {
                  file
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const fromApi = data!.drug.targets.flatMap((t) =>
      t.citations.map((c) =>
        [
          t.id,
          t.target.id,
          t.action,
          c.id,
          c.statement,
          c.section,
          c.paragraph === null ? null : String(c.paragraph),
          c.sentence === null ? null : String(c.sentence),
          c.record ? c.url : null,
        ].join(' | '),
      ),
    );
    expect(fromApi.length).toBeGreaterThan(3);
    expect([...rows].sort()).toEqual([...fromApi].sort());
  });

  it("finds every statement cited to the article's Pharmacodynamics paragraph 2, as the export gives them", ({
    skip,
  }) => {
    if (!python) return skip();
    const rows = sparql('pharmacodynamics-paragraph-2.rq').map(
      (r) => `${statementId(r.statement!)} | ${r.sentence} | ${r.says}`,
    );
    const fromExport = facts.flatMap((fact) =>
      fact.citations.flatMap((c) =>
        'section' in c &&
        c.source === 'source:wikipedia-baclofen' &&
        c.section === 'Pharmacodynamics' &&
        c.paragraph === 2
          ? [`${fact.id} | ${c.sentence} | ${c.statement}`]
          : [],
      ),
    );
    expect(fromExport.length).toBeGreaterThan(5);
    expect([...rows].sort()).toEqual([...fromExport].sort());
  });
});
