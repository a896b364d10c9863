/**
 * Entity aliases through the API, on the real Neo4j: the names the article uses for an entity
 * are found by search and answered as `aliases`, each cited to the sentence where it occurs (that
 * each occurs there is tests/unit/entity-aliases.test.ts's part), and each synonym fact of the
 * `facts` connection cites that same sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

async function query<T>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await graphql<T>(api, text, variables);
  expect(errors).toBeUndefined();
  return data!;
}

interface Cited {
  id: string;
  section: string;
  paragraph: number;
  sentence: number;
}
interface Alias {
  name: string;
  citation: Cited & { statement: string; url: string };
}
const at = (c: Cited) => `${c.section} ${c.paragraph}.${c.sentence}`;

const firstHits = async (text: string) =>
  (
    await query<{ search: { entity: { id: string }; matchedField: string; matchedText: string }[] }>(
      'query($q: String!) { search(query: $q, first: 3) { entity { id } matchedField matchedText } }',
      { q: text },
    )
  ).search;

describe('search by the names the article uses', () => {
  it('ranks alcohol use disorder first for "alcoholism", by that synonym', async () => {
    const [first] = await firstHits('alcoholism');
    expect(first).toEqual({
      entity: { id: 'condition:alcohol-use-disorder' },
      matchedField: 'synonym',
      matchedText: 'alcoholism',
    });
  });

  it('finds the α2δ channel first by its Greek letters or spelt out', async () => {
    for (const text of ['α2δ', 'alpha2delta', 'α2δ subunit']) {
      const [first] = await firstHits(text);
      expect(first?.entity.id, text).toBe('target:alpha2delta-vgcc');
    }
  });

  it('looks baclofen up by its chemical name as the article writes it, or spelt out', async () => {
    const data = await query<Record<string, { id: string } | null>>(
      '{ a: drug(name: "β-(4-chlorophenyl)-GABA") { id } b: drug(name: "beta-(4-chlorophenyl)-GABA") { id } }',
    );
    expect(data).toEqual({ a: { id: 'drug:baclofen' }, b: { id: 'drug:baclofen' } });
  });
});

describe('aliases', () => {
  it('answers each alias with the sentence where the article uses it', async () => {
    const { entity } = await query<{ entity: { synonyms: string[]; aliases: Alias[] } }>(
      '{ entity(id: "condition:alcohol-use-disorder") { synonyms aliases { name citation { id section paragraph sentence statement url } } } }',
    );
    expect(entity.synonyms).toEqual(['alcoholism', 'AD']);
    expect(entity.aliases).toEqual([
      {
        name: 'alcoholism',
        citation: {
          id: expect.stringMatching(/^cite:[0-9a-f]{16}$/),
          section: 'Research',
          paragraph: 1,
          sentence: 1,
          statement: '"alcoholism" names Alcohol use disorder.',
          url: 'https://en.wikipedia.org/wiki/Baclofen#Research',
        },
      },
      {
        name: 'AD',
        citation: {
          id: expect.stringMatching(/^cite:[0-9a-f]{16}$/),
          section: 'Research',
          paragraph: 4,
          sentence: 3,
          statement: '"AD" names Alcohol use disorder.',
          url: 'https://en.wikipedia.org/wiki/Baclofen#Research',
        },
      },
    ]);
  });

  it('cites a plain synonym to its entity’s own sentence, and a drug’s aliases like any entity’s', async () => {
    const data = await query<{ route: { citation: Cited; aliases: Alias[] }; drug: { aliases: Alias[] } }>(
      `{ route: entity(id: "route:intrathecal") { citation { id section paragraph sentence } aliases { name citation { id section paragraph sentence } } }
         drug(id: "drug:baclofen") { aliases { name citation { id section paragraph sentence } } } }`,
    );
    expect(data.route.aliases.map((a) => `${a.name} @ ${at(a.citation)}`)).toEqual([
      'intrathecal pump @ Lead 1.3',
      'intrathecally @ Routes of administration 1.1',
      'intrathecal administration @ Routes of administration 3.1',
    ]);
    expect(at(data.route.citation)).toBe('Lead 1.3');
    // The same sentence, but another piece of evidence: the alias's, not the entity's.
    expect(data.route.aliases[0]!.citation.id).not.toBe(data.route.citation.id);
    expect(data.drug.aliases.map((a) => `${a.name} @ ${at(a.citation)}`)).toEqual([
      'β-(4-chlorophenyl)-GABA @ Pharmacodynamics 2.1',
    ]);
  });

  it('gives every alias a distinct id, and every synonym fact the citation of its alias', async () => {
    const { facts } = await query<{
      facts: { totalCount: number; edges: { node: { subject: string; value: string; citation: Cited } }[] };
    }>(
      '{ facts(predicate: "synonym", first: 100) { totalCount edges { node { subject value citation { id section paragraph sentence } } } } }',
    );
    expect(facts.totalCount).toBe(facts.edges.length);
    const subjects = [...new Set(facts.edges.map((e) => e.node.subject))];
    // An operation may hold at most 30 aliases (MAX_ALIASES), so the entities go 25 at a time.
    const aliases: { subject: string; alias: Alias }[] = [];
    for (let i = 0; i < subjects.length; i += 25) {
      const batch = subjects.slice(i, i + 25);
      const data = await query<Record<string, { aliases: Alias[] }>>(
        `{ ${batch.map((id, j) => `e${j}: entity(id: "${id}") { aliases { name citation { id section paragraph sentence } } }`).join(' ')} }`,
      );
      batch.forEach((subject, j) => aliases.push(...data[`e${j}`]!.aliases.map((alias) => ({ subject, alias }))));
    }
    const ids = aliases.map((a) => a.alias.citation.id);
    expect(ids.every((id) => /^cite:[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const fromFacts = facts.edges
      .map(
        (e) => `${e.node.subject} ${JSON.parse(e.node.value) as string} ${e.node.citation.id} ${at(e.node.citation)}`,
      )
      .sort();
    const fromAliases = aliases
      .map(({ subject, alias }) => `${subject} ${alias.name} ${alias.citation.id} ${at(alias.citation)}`)
      .sort();
    expect(fromFacts).toEqual(fromAliases);
  });
});
