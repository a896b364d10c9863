/**
 * The seed data against the article's own text: the locator list is exactly the article's
 * sentences, and no statement copies the article's wording. The project does not ship the
 * article (tests/support/outsideResources.ts says where it is looked for); without it these
 * tests are skipped, and with CI=true they fail.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { locatorKey } from '../../seed/checkSeed.js';
import { LocatorsDocument } from '../../src/model/seedDocuments.js';
import { DEFAULT_DATA_DIR, prepareSeed } from '../../seed/seedGraph.js';
import { articleFor } from '../support/outsideResources.js';
import { readSentences, type Sentence } from '../support/articleSentences.js';

const article = articleFor("the checks against the article's text (tests/unit/seed-article.test.ts)");

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

describe.skipIf(article.skip)('the seed data against the article', () => {
  let sentences: Sentence[] = [];
  let articleRuns = new Set<string>();
  /** Runs of 8 words shared with any sentence of the article. */
  const copiedRuns = (statement: string) => runsOf(statement, 8).filter((run) => articleRuns.has(run));

  beforeAll(() => {
    sentences = readSentences(article.path());
    articleRuns = new Set(sentences.flatMap((s) => runsOf(s.text, 8)));
  });

  it('has a locator list of exactly the sentences of the article, no more and no fewer', () => {
    const locators = LocatorsDocument.parse(
      parse(readFileSync(resolve(DEFAULT_DATA_DIR, 'locators', 'wikipedia-baclofen.yaml'), 'utf8')),
    ).locators;
    expect(sentences.length).toBe(87);
    expect(locators.map(locatorKey).sort()).toEqual(sentences.map(locatorKey).sort());
  });

  it('states every entity, relationship and literal in its own words: no run of 8 words from the article', () => {
    const rows = prepareSeed();
    const statements = [
      ...[...rows.entities.values()].flat().map((e) => ({ what: e.id, statement: e.props.citeStatement })),
      ...[...rows.relations].flatMap(([type, list]) =>
        list.map((r) => ({ what: `${r.subject} ${type} ${r.object}`, statement: r.props.citeStatement })),
      ),
      ...rows.literals.map((l) => ({ what: `${l.subject} ${l.props.attribute}`, statement: l.props.citeStatement })),
    ];
    const copies = statements.map((s) => ({ ...s, runs: copiedRuns(s.statement) })).filter((s) => s.runs.length > 0);
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
