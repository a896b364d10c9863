/**
 * An event's date is a fact of its own: `facts` and the bulk export (the same reader) give each
 * dated event a `date` fact (ISO text at the precision the source gives: YYYY, YYYY-MM or
 * YYYY-MM-DD) and, for an event that spans years, an `endYear` fact, each cited like the event.
 * A reader of the export no longer has to dig years out of citation texts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts } from '../src/graph/facts.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

interface Citation {
  section: string;
  paragraph: number;
  sentence: number;
  statement: string;
}
interface FactNode {
  id: string;
  subject: string;
  predicate: string;
  value: string | null;
  unit: string | null;
  citation: Citation;
}
interface TimelineEvent {
  id: string;
  date: string | null;
  endYear: number | null;
  citation: Citation;
}

const CITATION = 'citation { section paragraph sentence statement }';

async function query<T>(text: string): Promise<T> {
  const { data, errors } = await graphql<T>(api, text);
  expect(errors).toBeUndefined();
  return data!;
}

async function factsOf(predicate: string): Promise<{ totalCount: number; nodes: FactNode[] }> {
  const { facts } = await query<{ facts: { totalCount: number; edges: { node: FactNode }[] } }>(
    `{ facts(predicate: "${predicate}", first: 100) { totalCount edges { node { id subject predicate value unit ${CITATION} } } } }`,
  );
  return { totalCount: facts.totalCount, nodes: facts.edges.map((e) => e.node) };
}

describe('event dates as facts', () => {
  it('gives every dated event a date fact equal to its Event.date, cited like the event, and none to an undated one', async () => {
    const { timeline } = await query<{ timeline: TimelineEvent[] }>(`{ timeline { id date endYear ${CITATION} } }`);
    const dated = timeline.filter((e) => e.date !== null);
    expect(dated.length).toBeGreaterThanOrEqual(8);
    const { totalCount, nodes } = await factsOf('date');
    expect(totalCount).toBe(dated.length);
    expect(nodes).toEqual(
      dated
        .map((e) => ({
          id: `${e.id}#date`,
          subject: e.id,
          predicate: 'date',
          value: JSON.stringify(e.date),
          unit: null,
          citation: e.citation,
        }))
        .sort((a, b) => (a.subject < b.subject ? -1 : 1)),
    );
    expect(nodes.map((n) => n.subject)).not.toContain('event:amsterdam-trial-donation');
  });

  it('dates the first synthesis to 1962 and the FDA approval to 1977, on the sentences that say so', async () => {
    const { nodes } = await factsOf('date');
    const bySubject = Object.fromEntries(nodes.map((n) => [n.subject, n]));
    expect(bySubject['event:first-synthesis']).toMatchObject({
      value: '"1962"',
      citation: { section: 'History', paragraph: 1, sentence: 2 },
    });
    expect(bySubject['event:fda-approval']).toMatchObject({
      value: '"1977"',
      citation: { section: 'History', paragraph: 1, sentence: 5 },
    });
    expect(
      Object.fromEntries(nodes.map((n) => [n.subject.replace(/^event:/, ''), JSON.parse(n.value!) as string])),
    ).toMatchObject({
      'spasticity-introduction': '1971',
      'intrathecal-introduction': '1984',
      'le-dernier-verre-publication': '2008',
      'ansm-temporary-recommendation': '2014',
      'us-misuse-rise': '2014',
      'ansm-marketing-authorisation': '2018',
    });
  });

  it('gives an event that spans years its last year as an endYear fact, in years', async () => {
    const { totalCount, nodes } = await factsOf('endYear');
    expect(totalCount).toBe(nodes.length);
    expect(nodes.find((n) => n.subject === 'event:us-misuse-rise')).toEqual({
      id: 'event:us-misuse-rise#endYear',
      subject: 'event:us-misuse-rise',
      predicate: 'endYear',
      value: '2017',
      unit: 'year',
      citation: {
        section: 'Research',
        paragraph: 3,
        sentence: 1,
        statement: 'Misuse, poisoning and suicide attempts with baclofen grew among US adults over 2014–2017.',
      },
    });
    const { timeline } = await query<{ timeline: TimelineEvent[] }>('{ timeline { id endYear } }');
    expect(nodes.map((n) => [n.subject, Number(n.value)])).toEqual(
      timeline.filter((e) => e.endYear !== null).map((e) => [e.id, e.endYear]),
    );
  });

  it('lists date and endYear, with their meanings, among the predicates facts(predicate:) accepts', async () => {
    const { meta } = await query<{
      meta: { vocabularies: { name: string; usedBy: string; values: { value: string; description: string }[] }[] };
    }>('{ meta { vocabularies { name usedBy values { value description } } } }');
    const own = meta.vocabularies.find((v) => v.values.some((t) => t.value === 'date'));
    expect(own?.usedBy).toContain('facts(predicate:)');
    expect(own?.values.map((t) => t.value)).toEqual(
      expect.arrayContaining(['name', 'synonym', 'kind', 'date', 'endYear']),
    );
    for (const term of own!.values) expect(term.description.length, term.value).toBeGreaterThan(10);

    const { errors } = await graphql(api, '{ facts(predicate: "dates") { totalCount } }');
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errors![0]!.message).toMatch(/\bdate, endYear\b/);
  });

  it('puts the date facts among an event’s facts in the export, as additional lines', async () => {
    const ofEvent = await readFacts(database, { subject: 'event:fda-approval' });
    expect(ofEvent.map((f) => f.predicate)).toEqual([
      'date',
      'kind',
      'name',
      ...ofEvent.slice(3).map(() => expect.any(String)),
    ]);
    expect(ofEvent[0]).toEqual({
      id: 'event:fda-approval#date',
      subject: 'event:fda-approval',
      predicate: 'date',
      value: '1977',
      qualifiers: {},
      citation: ofEvent.find((f) => f.predicate === 'name')!.citation,
      citations: [ofEvent.find((f) => f.predicate === 'name')!.citation],
    });
  });
});
