/**
 * Everything in the loaded graph is cited: every entity, relationship between entities and
 * literal cites a sentence of the article by a locator of the project's locator list, every
 * identifier cites its registry, and every sentence of the list is cited or explained. These
 * need only the project's own files; the checks against the article's text itself are
 * tests/unit/seed-article.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { locatorKey } from '../seed/checkSeed.js';
import { LocatorsDocument, SourcesDocument } from '../src/model/seedDocuments.js';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import { openDatabase, useStandardGraph } from './support/testGraph.js';

const ARTICLE = 'source:wikipedia-baclofen';

const locatorList = LocatorsDocument.parse(
  parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'locators', 'wikipedia-baclofen.yaml'), 'utf8')),
);
const sources = SourcesDocument.parse(parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'sources.yaml'), 'utf8'))).sources;
const locatorKeys = new Set(locatorList.locators.map(locatorKey));
const rows = prepareSeed();

interface Cited {
  what: string;
  citeSource: string | null;
  citeSection: string | null;
  citeParagraph: number | null;
  citeSentence: number | null;
  citeStatement: string | null;
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
                    p.citeSentence AS citeSentence, p.citeStatement AS citeStatement, p.citeEvidence AS evidence`,
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

  it('give every entity, relationship and literal a full citation of a listed article sentence', () => {
    expect(evidence.length).toBeGreaterThan(cited.length);
    const bad = evidence.filter(
      (c) =>
        c.citeSource !== ARTICLE ||
        !locatorKeys.has(keyOf(c)) ||
        typeof c.citeStatement !== 'string' ||
        c.citeStatement.length < 10,
    );
    expect(bad).toEqual([]);
  });

  it('cite every identifier to a registry source, by a record URL of that registry', async () => {
    const identifiers = await database.read<{ key: string; citeSource: string; url: string }>({
      name: 'test: identifiers',
      cypher:
        'MATCH (:Entity)-[:HAS_IDENTIFIER]->(i:Identifier) RETURN i.key AS key, i.citeSource AS citeSource, i.url AS url',
    });
    expect(identifiers.length).toBe(rows.identifiers.length);
    const registries = new Map(sources.filter((s) => s.kind === 'registry').map((s) => [s.id, s]));
    for (const identifier of identifiers) {
      const registry = registries.get(identifier.citeSource);
      expect(registry, identifier.key).toBeDefined();
      expect(new URL(identifier.url).host, identifier.key).toBe(new URL(registry!.url).host);
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
