/**
 * Everything in the loaded graph is cited: every entity, relationship between entities and
 * literal cites a sentence of the article (or of a cited page) by a locator of that source's
 * locator list, or a dataset's record by a line of the project's copy of its file; every
 * identifier cites its registry or the dataset record it was read from; and every sentence of the
 * article's list is cited or explained. These need only the project's own files; the checks
 * against the article's text itself are tests/unit/seed-article.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { locatorKey } from '../seed/checkSeed.js';
import { DEFAULT_SOURCES_DIR } from '../seed/datasets/datasetDocuments.js';
import { LocatorsDocument, SourcesDocument } from '../src/model/seedDocuments.js';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import { openDatabase, useStandardGraph } from './support/testGraph.js';

const ARTICLE = 'source:wikipedia-baclofen';

const locatorLists = readdirSync(resolve(DEFAULT_DATA_DIR, 'locators')).map((name) =>
  LocatorsDocument.parse(parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'locators', name), 'utf8'))),
);
const locatorList = locatorLists.find((l) => l.source === ARTICLE)!;
/** Each article's or page's locators, by source id. */
const locatorKeys = new Map(locatorLists.map((l) => [l.source, new Set(l.locators.map(locatorKey))]));
const sources = SourcesDocument.parse(parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'sources.yaml'), 'utf8'))).sources;
const kindOf = new Map(sources.map((s) => [s.id, s.kind]));
const rows = prepareSeed();

/** How many lines each kept dataset file has, by its path under seed/sources/. */
const fileLines = new Map<string, number>();
const linesOf = (file: string) => {
  if (!fileLines.has(file))
    fileLines.set(file, readFileSync(resolve(DEFAULT_SOURCES_DIR, file), 'utf8').replace(/\n$/, '').split('\n').length);
  return fileLines.get(file)!;
};

interface Cited {
  what: string;
  citeSource: string | null;
  citeSection: string | null;
  citeParagraph: number | null;
  citeSentence: number | null;
  citeStatement: string | null;
  citeFile?: string | null;
  citeLine?: number | null;
  citeRecordKey?: string | null;
  evidence?: string | null;
}
const keyOf = (c: Cited) =>
  locatorKey({ section: c.citeSection!, paragraph: c.citeParagraph!, sentence: c.citeSentence! });

const database = openDatabase();
let cited: Cited[] = [];
let evidence: Cited[] = [];

beforeAll(async () => {
  await useStandardGraph(database);
  cited = await database.read<Cited>({
    name: 'test: every cited element',
    cypher: `CALL () {
               MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id + ' ' + type(r) + ' ' + b.id AS what, properties(r) AS p
               UNION ALL
               MATCH (e:Entity)-[:HAS_LITERAL]->(l:Literal) RETURN e.id + ' ' + l.attribute AS what, properties(l) AS p
               UNION ALL
               MATCH (e:Entity) RETURN e.id AS what, properties(e) AS p
             }
             RETURN what, p.citeSource AS citeSource, p.citeSection AS citeSection, p.citeParagraph AS citeParagraph,
                    p.citeSentence AS citeSentence, p.citeStatement AS citeStatement, p.citeFile AS citeFile,
                    p.citeLine AS citeLine, p.citeRecordKey AS citeRecordKey, p.citeEvidence AS evidence`,
  });
  // A statement's first sentence is stored beside its evidence list; every sentence is in the list.
  evidence = cited.flatMap((c) => (c.evidence ? (JSON.parse(c.evidence) as Cited[]) : [c]));
});
afterAll(() => database.close());

describe('citations in the loaded graph', () => {
  it('covers every entity, relationship between entities and literal of the data', () => {
    const entities = [...rows.entities.values()].flat().length;
    const relations = [...rows.relations.values()].flat().length;
    expect(cited.length).toBe(entities + relations + rows.literals.length);
  });

  it('give every entity, relationship and literal a full citation: a listed sentence, or a line of a kept dataset file', () => {
    expect(evidence.length).toBeGreaterThan(cited.length);
    const bad = evidence.filter((c) => {
      if (typeof c.citeStatement !== 'string' || c.citeStatement.length < 10) return true;
      const kind = kindOf.get(c.citeSource ?? '');
      if (kind === 'article' || kind === 'page') return !locatorKeys.get(c.citeSource!)?.has(keyOf(c));
      if (kind === 'dataset')
        return !c.citeFile || !c.citeRecordKey || !(c.citeLine! >= 2 && c.citeLine! <= linesOf(c.citeFile));
      return true;
    });
    expect(bad).toEqual([]);
    // Each kind of source is cited: the article's sentences, the pages', and the datasets' records.
    expect(new Set(evidence.map((c) => kindOf.get(c.citeSource!)))).toEqual(new Set(['article', 'page', 'dataset']));
  });

  it('cite every identifier to a registry record, or to the dataset record it was read from', async () => {
    const identifiers = await database.read<{ key: string; citeSource: string; url: string; citeFile: string | null }>({
      name: 'test: identifiers',
      cypher:
        'MATCH (:Entity)-[:HAS_IDENTIFIER]->(i:Identifier) RETURN i.key AS key, i.citeSource AS citeSource, i.url AS url, i.citeFile AS citeFile',
    });
    expect(identifiers.length).toBe(rows.identifiers.length);
    const byId = new Map(sources.map((s) => [s.id, s]));
    for (const identifier of identifiers) {
      const source = byId.get(identifier.citeSource);
      expect(source, identifier.key).toBeDefined();
      if (source!.kind === 'registry') {
        expect(new URL(identifier.url).host, identifier.key).toBe(new URL(source!.url).host);
      } else {
        expect(source!.kind, identifier.key).toBe('dataset');
        expect(identifier.citeFile, identifier.key).toMatch(new RegExp(`^${source!.folder}/`));
      }
    }
  });
});

describe('the locator list', () => {
  it('has every sentence cited by a fact in the graph, or marked noFact with a reason', () => {
    const citedKeys = new Set(evidence.map(keyOf));
    const unexplained = locatorList.locators.filter(
      (l) => !citedKeys.has(locatorKey(l)) && !(l.noFact && l.noFact.length >= 10),
    );
    expect(unexplained).toEqual([]);
  });
});
