/**
 * Statements read true from each end, with only their own qualifiers (issue 18, defects 2-4 and
 * the history order), each re-run as the issue wrote it, against the real Neo4j:
 * - a comparison seen from the other drug turns its outcome round;
 * - a qualifier named like a storage property (`evidence`) keeps the data's value;
 * - a statement shows only what all of its sentences agree on, and two sentences that differ in
 *   route or standing are two statements;
 * - a drug's history is in date order with the undated event last, as in `timeline`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

async function query<T>(text: string): Promise<T> {
  const { data, errors } = await graphql<T>(api, text);
  expect(errors).toBeUndefined();
  return data!;
}

interface Qualified {
  citations: { section: string; paragraph: number; sentence: number; qualifiers: { key: string; value: string }[] }[];
}
const CITATIONS = 'citations { section paragraph sentence qualifiers { key value } }';
const where = (e: Qualified) => e.citations.map((c) => `${c.section} ${c.paragraph}.${c.sentence}`);

describe('comparisons from both drugs', () => {
  type Comparison = {
    direction: string;
    aspect: string;
    outcome: string;
    factor: number | null;
    other: { id: string };
  };
  const comparisons = async (id: string) =>
    (
      await query<{ drug: { comparisons: Comparison[] } }>(
        `{ drug(id: "${id}") { comparisons { direction aspect outcome factor other { id } } } }`,
      )
    ).drug.comparisons;

  it('phenibut is less potent at GABAB and stronger at α2δ than baclofen, as the article says', async () => {
    const fromPhenibut = await comparisons('drug:phenibut');
    expect(fromPhenibut.map((c) => [c.other.id, c.direction, c.aspect, c.outcome, c.factor])).toEqual(
      expect.arrayContaining([
        ['drug:baclofen', 'INCOMING', 'potency at the GABA-B receptor', 'less potent', 100],
        ['drug:baclofen', 'INCOMING', 'α2δ channel blockade', 'stronger', null],
      ]),
    );
    const fromBaclofen = await comparisons('drug:baclofen');
    expect(fromBaclofen.map((c) => [c.other.id, c.direction, c.aspect, c.outcome, c.factor])).toEqual(
      expect.arrayContaining([
        ['drug:phenibut', 'OUTGOING', 'potency at the GABA-B receptor', 'more potent', 100],
        ['drug:phenibut', 'OUTGOING', 'α2δ channel blockade', 'weaker', null],
      ]),
    );
  });

  it('clonidine is inferior to baclofen for opioid withdrawal, seen from clonidine', async () => {
    const fromClonidine = await comparisons('drug:clonidine');
    expect(fromClonidine.map((c) => [c.other.id, c.direction, c.outcome])).toEqual([
      ['drug:baclofen', 'INCOMING', 'inferior'],
    ]);
  });

  it('the generic relation keeps the statement as its subject states it', async () => {
    const { entity } = await query<{
      entity: {
        relations: { direction: string; node: { id: string }; qualifiers: { key: string; value: string }[] }[];
      };
    }>(
      `{ entity(id: "drug:phenibut") { relations(types: [COMPARED_WITH]) { direction node { id } qualifiers { key value } } } }`,
    );
    const potency = entity.relations.find((r) =>
      r.qualifiers.some((q) => q.key === 'aspect' && q.value === 'potency at the GABA-B receptor'),
    )!;
    expect(potency.direction).toBe('INCOMING');
    expect(potency.node.id).toBe('drug:baclofen');
    expect(potency.qualifiers).toContainEqual({ key: 'outcome', value: 'more potent' });
  });
});

describe('a qualifier named like stored evidence', () => {
  type Research = Qualified & { condition: { id: string }; evidence: string | null };
  it("keeps the research statements' own evidence values, never stored JSON", async () => {
    const { drug } = await query<{ drug: { research: Research[] } }>(
      `{ drug(id: "drug:baclofen") { research { condition { id } evidence ${CITATIONS} } } }`,
    );
    for (const r of drug.research) expect(r.evidence ?? '').not.toMatch(/^[[{]/);
    const values = drug.research.flatMap((r) => [
      r.evidence,
      ...r.citations.flatMap((c) => c.qualifiers.filter((q) => q.key === 'evidence').map((q) => q.value)),
    ]);
    expect(values).toEqual(
      expect.arrayContaining([
        'not conclusive',
        'ineffective',
        'potential use for persistent hiccups',
        'the use it was originally designed for',
        'no benefit found at low or high doses (Amsterdam trial)',
      ]),
    );
    const hiccups = drug.research.find((r) => r.condition.id === 'condition:hiccups')!;
    expect(hiccups.evidence).toBe('potential use for persistent hiccups');
  });

  it('is exported as a qualifier too', async () => {
    const { facts } = await query<{
      facts: { edges: { node: { predicate: string; qualifiers: { key: string; value: string }[] } }[] };
    }>(
      `{ facts(subject: "drug:baclofen", predicate: "STUDIED_FOR", first: 50) { edges { node { predicate qualifiers { key value } } } } }`,
    );
    const evidence = facts.edges.flatMap((e) => e.node.qualifiers.filter((q) => q.key === 'evidence'));
    expect(evidence.length).toBeGreaterThan(0);
    for (const q of evidence) expect(q.value).not.toMatch(/^[[{]/);
  });
});

describe("a statement's qualifiers are those all of its sentences agree on", () => {
  type Indication = Qualified & {
    condition: { id: string };
    status: string;
    route: string | null;
    purpose: string | null;
    population: string | null;
  };
  let indications: Indication[];
  beforeAll(async () => {
    indications = (
      await query<{ drug: { indications: Indication[] } }>(
        `{ drug(id: "drug:baclofen") { indications { condition { id } status route purpose population ${CITATIONS} } } }`,
      )
    ).drug.indications;
  });
  const of = (condition: string) => indications.filter((i) => i.condition.id === condition);

  it('spasticity: the primary use is not intrathecal; the intrathecal use is its own statement', () => {
    const [intrathecal, usual] = of('condition:spasticity');
    expect(usual).toMatchObject({ status: 'used', route: null, purpose: null, population: null });
    expect(usual!.citations.find((c) => c.section === 'Medical uses')!.qualifiers).toEqual([
      { key: 'purpose', value: 'its primary use' },
      { key: 'population', value: 'notably spinal cord injury and multiple sclerosis' },
    ]);
    expect(intrathecal).toMatchObject({ status: 'used', route: 'intrathecal', purpose: null, population: null });
    expect(where(intrathecal!)).toEqual(['History 2.1', 'Medical uses 1.3']);
  });

  it('alcohol use disorder: the off-label use does not carry the French approval, which is its own statement', () => {
    const statements = of('condition:alcohol-use-disorder');
    expect(statements.map((s) => [s.status, s.population, where(s)])).toEqual([
      ['off-label', null, ['Lead 1.2', 'Medical uses 2.1']],
      ['approved', 'France, when every other treatment has failed', ['Research 1.4']],
    ]);
  });

  it('multiple sclerosis: the use by the usual route is not narrowed to the intrathecal population', () => {
    const statements = of('condition:multiple-sclerosis');
    expect(statements.map((s) => [s.route, s.population, where(s)])).toEqual([
      // The article's sentence, and PharmacotherapyDB's record (no section: a record has a line).
      [null, null, ['Lead 1.1', 'null null.null']],
      ['intrathecal', 'severe painful spasms not controlled by oral baclofen', ['Routes of administration 3.1']],
    ]);
  });
});

describe("a drug's history", () => {
  it('is in date order with the undated event last, as timeline orders it', async () => {
    const { drug, timeline } = await query<{
      drug: { history: { id: string; year: number | null }[] };
      timeline: { id: string }[];
    }>(`{ drug(id: "drug:baclofen") { history { id year } } timeline(entity: "drug:baclofen") { id } }`);
    expect(drug.history.map((e) => e.id)).toEqual(timeline.map((e) => e.id));
    const years = drug.history.map((e) => e.year);
    expect(years.at(-1)).toBeNull();
    const dated = years.filter((y): y is number => y !== null);
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
  });
});
