/**
 * Everything in the loaded graph is cited: every entity, relationship between entities and
 * literal cites a sentence of the article by a locator of the project's locator list, every
 * identifier cites its registry, the locator list is exactly the article's sentences, every
 * sentence is cited or explained, and no statement copies the article's wording.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LocatorsDocument, SourcesDocument } from '../seed/model.js';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import { openDatabase, useStandardGraph } from './support/testGraph.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The article cut into sentences; shared/ sits beside the repository, here and in CI. */
const SENTENCES_TSV = resolve(repoRoot, '..', 'shared', 'seeds', 'baclofen-sentences.tsv');
const ARTICLE = 'source:wikipedia-baclofen';

const locatorList = LocatorsDocument.parse(
  parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'locators', 'wikipedia-baclofen.yaml'), 'utf8')),
);
const sources = SourcesDocument.parse(parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'sources.yaml'), 'utf8'))).sources;
const key = (l: { section: string; paragraph: number; sentence: number }) =>
  `${l.section}|${l.paragraph}|${l.sentence}`;
const locatorKeys = new Set(locatorList.locators.map(key));
const rows = prepareSeed();

const sentences = readFileSync(SENTENCES_TSV, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [section, paragraph, sentence, text] = line.split('\t');
    return { section: section!, paragraph: Number(paragraph), sentence: Number(sentence), text: text! };
  });

interface Cited {
  what: string;
  citeSource: string | null;
  citeSection: string | null;
  citeParagraph: number | null;
  citeSentence: number | null;
  citeStatement: string | null;
}

const database = openDatabase();
let cited: Cited[] = [];

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
                    p.citeSentence AS citeSentence, p.citeStatement AS citeStatement`,
  });
});
afterAll(() => database.close());

/** Lower case, punctuation turned into spaces: the words a reader would compare. */
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

function runsOf(text: string, length: number): string[] {
  const w = words(text);
  return Array.from({ length: Math.max(0, w.length - length + 1) }, (_, i) => w.slice(i, i + length).join(' '));
}

const articleRuns = new Set(sentences.flatMap((s) => runsOf(s.text, 8)));

/** Runs of 8 words shared with any sentence of the article. */
const copiedRuns = (statement: string) => runsOf(statement, 8).filter((run) => articleRuns.has(run));

describe('citations in the loaded graph', () => {
  it('covers every entity, relationship between entities and literal of the data', () => {
    const entities = [...rows.entities.values()].flat().length;
    const relations = [...rows.relations.values()].flat().length;
    expect(cited.length).toBe(entities + relations + rows.literals.length);
  });

  it('give every entity, relationship and literal a full citation of a listed article sentence', () => {
    const bad = cited.filter(
      (c) =>
        c.citeSource !== ARTICLE ||
        !locatorKeys.has(key({ section: c.citeSection!, paragraph: c.citeParagraph!, sentence: c.citeSentence! })) ||
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
  it('holds exactly the sentences of the article, no more and no fewer', () => {
    expect(sentences.length).toBe(87);
    expect([...locatorKeys].sort()).toEqual(sentences.map(key).sort());
    expect(locatorKeys.size).toBe(locatorList.locators.length);
  });

  it('has every sentence cited by a fact in the graph, or marked noFact with a reason', () => {
    const citedKeys = new Set(
      cited.map((c) => key({ section: c.citeSection!, paragraph: c.citeParagraph!, sentence: c.citeSentence! })),
    );
    const unexplained = locatorList.locators.filter(
      (l) => !citedKeys.has(key(l)) && !(l.noFact && l.noFact.length >= 10),
    );
    expect(unexplained).toEqual([]);
  });
});

describe('statements in the project’s own words', () => {
  it('share no run of 8 words with any sentence of the article', () => {
    const copies = cited
      .map((c) => ({ what: c.what, statement: c.citeStatement!, runs: copiedRuns(c.citeStatement!) }))
      .filter((c) => c.runs.length > 0);
    expect(copies).toEqual([]);
  });

  it('would catch a copied sentence (the check itself works)', () => {
    const long = sentences.find((s) => words(s.text).length >= 12)!;
    expect(copiedRuns(`In short: ${long.text.toUpperCase()}`).length).toBeGreaterThan(0);
    expect(copiedRuns('Baclofen is a medicine for spasticity, marketed as Lioresal and under other brands.')).toEqual(
      [],
    );
  });
});
