/**
 * The fidelity audit's corrections (issue 11, item 4), read back from the real Neo4j through the
 * API: each reading the article gives, in the place where the data once said something the
 * cited sentence does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

interface Locator {
  section: string;
  paragraph: number;
  sentence: number;
  statement: string;
  hedge: string | null;
}
const LOCATOR = 'citation { section paragraph sentence statement hedge }';
const at = (c: Locator) => `${c.section} ${c.paragraph}.${c.sentence}`;

async function query<T>(text: string): Promise<T> {
  const { data, errors } = await graphql<T>(api, text);
  expect(errors).toBeUndefined();
  return data!;
}

describe("baclofen's effects", () => {
  it('lists euphoria as a common side effect (BNF 75), not as an effect of abuse', async () => {
    const { drug } = await query<{
      drug: { effects: { effect: { id: string }; context: string; frequency: string | null; citation: Locator }[] };
    }>(`{ drug(id: "drug:baclofen") { effects { effect { id } context frequency ${LOCATOR} } } }`);
    const euphoria = drug.effects.filter((e) => e.effect.id === 'effect:euphoria');
    expect(euphoria.map((e) => ({ context: e.context, frequency: e.frequency, at: at(e.citation) }))).toEqual([
      { context: 'common', frequency: 'common to very common', at: 'Abuse 1.2' },
    ]);
    expect(drug.effects.filter((e) => e.context === 'abuse')).toEqual([]);
  });

  it('keeps abuse as the context of GHB’s euphoria, which the article contrasts with baclofen', async () => {
    const { drug } = await query<{ drug: { effects: { effect: { id: string }; context: string }[] } }>(
      '{ drug(id: "drug:ghb") { effects(context: ABUSE) { effect { id } context } } }',
    );
    expect(drug.effects.map((e) => e.effect.id).sort()).toEqual([
      'effect:abuse',
      'effect:addiction',
      'effect:euphoria',
    ]);
  });

  it('has auditory, visual and tactile hallucinations as three withdrawal effects, and no merged one', async () => {
    const data = await query<{
      drug: { effects: { effect: { id: string; name: string; synonyms: string[] }; citation: Locator }[] };
      merged: null | { id: string };
    }>(
      `{
        drug(id: "drug:baclofen") { effects(context: WITHDRAWAL) { effect { id name synonyms } ${LOCATOR} } }
        merged: entity(id: "effect:hallucinations") { id }
      }`,
    );
    const hallucinations = data.drug.effects
      .filter((e) => e.effect.id.endsWith('-hallucinations'))
      .map((e) => ({ ...e.effect, at: at(e.citation) }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(hallucinations).toEqual([
      {
        id: 'effect:auditory-hallucinations',
        name: 'Auditory hallucinations',
        synonyms: [],
        at: 'Withdrawal syndrome 2.1',
      },
      {
        id: 'effect:tactile-hallucinations',
        name: 'Tactile hallucinations',
        synonyms: [],
        at: 'Withdrawal syndrome 2.1',
      },
      {
        id: 'effect:visual-hallucinations',
        name: 'Visual hallucinations',
        synonyms: [],
        at: 'Withdrawal syndrome 2.1',
      },
    ]);
    expect(data.merged).toBeNull();
  });

  it('triggers withdrawal by stopping the drug; intrathecal or long use only makes it more likely', async () => {
    const { drug } = await query<{
      drug: { effects: { effect: { id: string }; trigger: string | null; citations: Evidence[] }[] };
    }>(`{ drug(id: "drug:baclofen") { effects(context: WITHDRAWAL) { effect { id } trigger ${EVIDENCE} } } }`);
    const withdrawal = drug.effects.filter((e) => e.effect.id === 'effect:withdrawal-syndrome');
    expect(withdrawal).toHaveLength(1);
    // Its sentences say "discontinuation" and "abrupt discontinuation": the statement keeps only
    // what they agree on, and each sentence keeps its own wording.
    expect(withdrawal[0]!.trigger).toBeNull();
    expect(withdrawal[0]!.citations.map((c) => qualifier(c, 'trigger'))).toEqual([
      'discontinuation',
      'discontinuation',
      'abrupt discontinuation',
    ]);
    const riskFactors = withdrawal[0]!.citations.find((c) => at(c) === 'Withdrawal syndrome 1.2')!;
    expect(qualifier(riskFactors, 'trigger')).toBe('discontinuation');
    expect(qualifier(riskFactors, 'frequency')).toMatch(
      /^more likely after intrathecal use or use for more than a couple of months/,
    );
  });
});

/** A piece of evidence with what its sentence alone says (nothing when it is the statement's only one). */
interface Evidence extends Locator {
  qualifiers: { key: string; value: string }[];
}
const EVIDENCE = 'citations { section paragraph sentence statement hedge qualifiers { key value } }';
const qualifier = (e: Evidence, key: string) => e.qualifiers.find((q) => q.key === key)?.value ?? null;

describe("baclofen's indications", () => {
  type Indication = { condition: { id: string }; status: string; citations: Evidence[] };
  const indications = async () =>
    (
      await query<{ drug: { indications: Indication[] } }>(
        `{ drug(id: "drug:baclofen") { indications { condition { id } status ${EVIDENCE} } } }`,
      )
    ).drug.indications;

  it('does not list epilepsy: it was designed for epilepsy and proved ineffective, which is research', async () => {
    expect((await indications()).filter((i) => i.condition.id === 'condition:epilepsy')).toEqual([]);
    const { drug } = await query<{
      drug: { research: { condition: { id: string }; citations: Evidence[] }[] };
    }>(`{ drug(id: "drug:baclofen") { research { condition { id } ${EVIDENCE} } } }`);
    const epilepsy = drug.research.filter((r) => r.condition.id === 'condition:epilepsy');
    expect(epilepsy).toHaveLength(1);
    expect(
      epilepsy[0]!.citations
        .map((c) => ({ evidence: qualifier(c, 'evidence'), at: at(c) }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    ).toEqual([
      { evidence: 'the use it was originally designed for', at: 'History 1.1' },
      { evidence: 'ineffective', at: 'History 1.3' },
    ]);
  });

  it('says "used", not "approved", for spasticity, spinal cord injury and multiple sclerosis', async () => {
    const all = await indications();
    const main = all.filter((i) =>
      ['condition:spasticity', 'condition:spinal-cord-injury', 'condition:multiple-sclerosis'].includes(i.condition.id),
    );
    // The intrathecal uses are statements of their own, beside the use by the usual route.
    expect(main.map((i) => `${i.condition.id} ${i.status}`).sort()).toEqual([
      'condition:multiple-sclerosis used',
      'condition:multiple-sclerosis used',
      'condition:spasticity used',
      'condition:spasticity used',
      'condition:spinal-cord-injury used',
    ]);
    const sentences = main.flatMap((i) =>
      i.citations.map((c) => `${i.condition.id} ${qualifier(c, 'status') ?? i.status} ${at(c)}`),
    );
    expect(sentences).toEqual(
      expect.arrayContaining([
        'condition:spasticity used Lead 1.1',
        'condition:spinal-cord-injury used Lead 1.1',
        'condition:multiple-sclerosis used Lead 1.1',
        'condition:spasticity used Medical uses 1.1',
      ]),
    );
    expect(sentences.filter((m) => m.includes(' approved '))).toEqual([]);
    // The one approval the article states: the French marketing authorisation for alcoholism, a
    // statement of its own beside the off-label use.
    const approvals = all.flatMap((i) =>
      i.citations
        .filter((c) => (qualifier(c, 'status') ?? i.status) === 'approved')
        .map((c) => `${i.condition.id} ${at(c)}`),
    );
    expect(approvals).toEqual(['condition:alcohol-use-disorder Research 1.4']);
  });
});

describe("baclofen's affinity for the α2δ channel", () => {
  it('does not claim a stereoisomer the sentence does not name', async () => {
    const { compareAffinity } = await query<{ compareAffinity: { drug: { id: string }; stereoisomer: string }[] }>(
      '{ compareAffinity(target: "target:alpha2delta-vgcc") { drug { id } stereoisomer } }',
    );
    expect(compareAffinity.map((a) => `${a.drug.id} ${a.stereoisomer}`)).toEqual([
      'drug:phenibut R',
      'drug:phenibut S',
      'drug:baclofen not stated',
    ]);
  });
});

describe('the GHB receptor', () => {
  it('is described, like the cited sentence, as a receptor baclofen has no significant affinity for', async () => {
    const data = await query<{
      entity: { description: string; citation: Locator };
      drug: { nonTargets: { target: { id: string }; citation: Locator }[] };
    }>(
      `{
        entity(id: "target:ghb-receptor") { description ${LOCATOR} }
        drug(id: "drug:baclofen") { nonTargets { target { id } ${LOCATOR} } }
      }`,
    );
    expect(data.entity.description).toContain('baclofen has no significant affinity for it');
    expect(data.entity.description).not.toMatch(/\bbind/i);
    expect(at(data.entity.citation)).toBe('Pharmacodynamics 1.3');
    const nonTarget = data.drug.nonTargets.find((n) => n.target.id === 'target:ghb-receptor')!;
    expect(at(nonTarget.citation)).toBe('Pharmacodynamics 1.3');
    expect(nonTarget.citation.statement).not.toMatch(/hardly|weak/i);
  });
});

describe('the rise of baclofen misuse in the US', () => {
  it('spans 2014 to 2017, as its date and as a cited literal, and is on the timeline of any of those years', async () => {
    const { entity, during } = await query<{
      entity: {
        year: number;
        endYear: number;
        description: string;
        properties: { attribute: string; low: number; high: number; unit: string; citation: Locator }[];
      };
      during: { id: string }[];
    }>(
      `{
        entity(id: "event:us-misuse-rise") {
          description ... on Event { year endYear properties { attribute low high unit ${LOCATOR} } }
        }
        during: timeline(from: 2016, to: 2016) { id }
      }`,
    );
    expect([entity.year, entity.endYear]).toEqual([2014, 2017]);
    expect(entity.description).toContain('from 2014 to 2017');
    expect(entity.properties.map((p) => ({ low: p.low, high: p.high, unit: p.unit, at: at(p.citation) }))).toEqual([
      { low: 2014, high: 2017, unit: 'year', at: 'Research 3.1' },
    ]);
    expect(during.map((e) => e.id)).toContain('event:us-misuse-rise');
  });
});

describe('synonyms', () => {
  /**
   * Names the audit removed that the article does not use as names of their entities. Those it
   * does use (alcoholism, AD, β-(4-chlorophenyl)-GABA, ...) are back, each cited to a sentence
   * where it occurs: tests/unit/entity-aliases.test.ts and tests/entity-aliases.test.ts.
   */
  const REMOVED: Record<string, string[]> = {
    'effect:addiction': ['dependence'],
    'condition:end-stage-renal-disease': ['kidney failure', 'ESRD'],
    'effect:respiratory-insufficiency': ['respiratory depression'],
    'condition:cocaine-addiction': ['cocaine dependence'],
    'condition:alcohol-use-disorder': ['alcohol dependence'],
    'condition:multiple-sclerosis': ['MS'],
    'effect:seizures': ['convulsions', 'de novo seizures'],
    'target:alpha2delta-vgcc': ['α2δ subunit', 'α2δ VGCC'],
    'drug:alcohol': ['ethanol'],
    'target:gaba-b-receptor': ['GABA-B receptor', 'GABA(B) receptor'],
    'pathway:mesolimbic-dopamine': ['mesolimbic pathway'],
    'condition:parkinsons-disease': ['Parkinson disease'],
    'condition:charcot-marie-tooth-disease': ['Charcot-Marie-Tooth disease'],
    'org:ciba-geigy': ['Ciba Geigy'],
    'effect:poor-concentration-and-recall': ['poor concentration', 'poor recall'],
    'effect:anxiolysis': ['reduced anxiety', 'anxiety reduction'],
    'effect:fluctuation-of-consciousness': ['fluctuating consciousness'],
    'effect:depersonalization': ['depersonalisation'],
    'effect:behavioral-disturbances': ['behavioural disturbances'],
  };

  it('no longer lists the removed names among any entity’s synonyms', async () => {
    const { facts } = await query<{
      facts: { totalCount: number; edges: { node: { subject: string; value: string } }[] };
    }>('{ facts(predicate: "synonym", first: 100) { totalCount edges { node { subject value } } } }');
    expect(facts.totalCount).toBe(facts.edges.length);
    const synonyms = facts.edges.map((e) => `${e.node.subject} ${JSON.parse(e.node.value) as string}`);
    const removed = Object.entries(REMOVED).flatMap(([id, names]) => names.map((n) => `${id} ${n}`));
    expect(synonyms.filter((s) => removed.includes(s))).toEqual([]);
    expect(synonyms).toContain('effect:drowsiness sleepiness');
  });

  it('no longer resolves a drug by a removed synonym, and does by a restored one', async () => {
    const data = await query<Record<string, { id: string } | null>>(
      '{ ethanol: drug(name: "ethanol") { id } chloro: drug(name: "β-(4-chlorophenyl)-GABA") { id } }',
    );
    expect(data).toEqual({ ethanol: null, chloro: { id: 'drug:baclofen' } });
  });

  it('finds no entity through a removed synonym in search', async () => {
    for (const text of ['kidney failure', 'respiratory depression', 'dependence']) {
      const { search } = await query<{
        search: { entity: { id: string }; matchedField: string; matchedText: string }[];
      }>(`{ search(query: "${text}") { entity { id } matchedField matchedText } }`);
      expect(
        search.filter((h) => h.matchedText.toLowerCase() === text),
        text,
      ).toEqual([]);
    }
  });
});

describe('readings and hedges', () => {
  interface Reading {
    section: string;
    paragraph: number;
    sentence: number;
    reading: string;
  }
  /** The article's statements of a subject and predicate, each with the article's sentences stating it. */
  const facts = async (subject: string, predicate: string) =>
    (
      await query<{
        facts: { edges: { node: { object: string; citations: (Reading & { source: { kind: string } })[] } }[] };
      }>(
        `{ facts(subject: "${subject}", predicate: "${predicate}", first: 100) { edges { node { object citations { section paragraph sentence reading source { kind } } } } } }`,
      )
    ).facts.edges
      .map((e) => ({
        object: e.node.object,
        citations: e.node.citations
          .filter((c) => c.source.kind === 'ARTICLE')
          .map((c) => `${c.section} ${c.paragraph}.${c.sentence} ${c.reading}`),
      }))
      .filter((f) => f.citations.length > 0);

  it('derives baclofen from GABA on the sentence that says so; only the class of GABA analogues is read into it', async () => {
    expect(await facts('drug:baclofen', 'DERIVATIVE_OF')).toEqual([
      { object: 'drug:gaba', citations: ['Pharmacology 1.1 DIRECT', 'Pharmacodynamics 2.1 INFERENCE'] },
    ]);
    const classes = await facts('drug:baclofen', 'MEMBER_OF');
    expect(classes.sort((a, b) => a.object.localeCompare(b.object))).toEqual([
      { object: 'class:gaba-analogue', citations: ['Pharmacology 1.1 INFERENCE'] },
      { object: 'class:gabapentinoid', citations: ['Chemistry 1.3 DIRECT'] },
      { object: 'class:muscle-relaxant', citations: ['Research 2.3 DIRECT'] },
    ]);
  });

  it('keeps the hedge of the sentence an entity cites', async () => {
    const ids = {
      hiccups: 'condition:hiccups',
      aud: 'condition:alcohol-use-disorder',
      pregnancy: 'condition:pregnancy',
      breastfeeding: 'condition:breastfeeding',
      seizures: 'effect:seizures',
      visual: 'effect:visual-hallucinations',
      coma: 'effect:coma',
    };
    const data = await query<Record<string, { citation: Locator }>>(
      `{ ${Object.entries(ids)
        .map(([alias, id]) => `${alias}: entity(id: "${id}") { ${LOCATOR} }`)
        .join(' ')} }`,
    );
    const hedges = Object.fromEntries(
      Object.entries(data).map(([alias, e]) => [alias, `${at(e.citation)} ${e.citation.hedge}`]),
    );
    expect(hedges).toEqual({
      hiccups: 'Lead 1.2 may',
      aud: 'Lead 1.2 may',
      pregnancy: 'Lead 2.4 unclear',
      breastfeeding: 'Lead 2.4 likely',
      seizures: 'Lead 2.3 may',
      visual: 'Withdrawal syndrome 2.1 may',
      coma: 'Overdose 1.1 may',
    });
  });
});

describe("baclofen's half-lives", () => {
  interface HalfLife {
    value: number | null;
    low: number | null;
    high: number | null;
    qualifiers: { key: string; value: string }[];
    citation: Locator;
  }
  const qualifiersOf = (q: HalfLife) => Object.fromEntries(q.qualifiers.map((k) => [k.key, k.value]));

  it('marks 6.8 h as one source’s figure, set against the usual 2–4 h, in pharmacokinetics and properties', async () => {
    const fields = `attribute value low high qualifiers { key value } ${LOCATOR}`;
    const { drug } = await query<{
      drug: { pharmacokinetics: (HalfLife & { attribute: string })[]; properties: HalfLife[] };
    }>(
      `{ drug(id: "drug:baclofen") { pharmacokinetics { ${fields} } properties(attribute: "halfLife") { ${fields} } } }`,
    );
    for (const halfLives of [drug.pharmacokinetics.filter((q) => q.attribute === 'halfLife'), drug.properties]) {
      const single = halfLives.find((q) => q.value === 6.8)!;
      const usual = halfLives.find((q) => q.low === 2 && q.high === 4)!;
      expect(at(single.citation)).toBe('Pharmacokinetics 1.3');
      expect(qualifiersOf(single)).toMatchObject({
        attribution: 'one source',
        contrastedWith: expect.stringMatching(/2–4 h/),
      });
      expect(qualifiersOf(single).method).toMatch(/more complex calculation/);
      expect(qualifiersOf(usual)).not.toHaveProperty('attribution');
      expect(single.citation.statement).toMatch(/one source/i);
    }
  });
});

describe('the BNF', () => {
  it('keeps org:bnf answering as the formulary’s body, and gives the edition the article cites as a Publication', async () => {
    const data = await query<{
      org: { kind: string; name: string; synonyms: string[]; description: string; citation: Locator };
      edition: { kind: string; name: string; synonyms: string[]; description: string; citation: Locator } | null;
      baclofen: { listings: { organization: { id: string }; list: string }[] };
      hits: { entity: { id: string }; matchedText: string }[];
    }>(`{
      org: entity(id: "org:bnf") { kind name synonyms description ${LOCATOR} }
      edition: entity(id: "publication:bnf-75") { kind name synonyms description ${LOCATOR} }
      baclofen: drug(id: "drug:baclofen") { listings { organization { id } list } }
      hits: search(query: "BNF 75") { entity { id } matchedText }
    }`);
    expect(data.org).toMatchObject({ kind: 'Organization', name: 'British National Formulary', synonyms: ['BNF'] });
    expect(data.org.description).not.toMatch(/\bbook\b/i);
    expect(data.edition).toMatchObject({ kind: 'Publication', name: 'BNF 75', synonyms: [] });
    expect(data.edition!.description).toMatch(/75th edition of the British National Formulary/);
    expect(at(data.edition!.citation)).toBe('Abuse 1.2');
    expect(data.baclofen.listings.find((l) => l.organization.id === 'org:bnf')?.list).toMatch(/BNF 75/);
    expect(data.hits[0]?.entity.id).toBe('publication:bnf-75');
  });
});

describe('Olivier Ameisen and the Amsterdam trial', () => {
  it('has Ameisen calling for a high-dose trial from 2004, not taking part in the donation that funded one', async () => {
    const { donation, events } = await query<{
      donation: { participants: { entity: { id: string } }[] };
      events: {
        id: string;
        date: string | null;
        participants: { entity: { id: string }; role: string; citation: Locator }[];
      }[];
    }>(`{
      donation: entity(id: "event:amsterdam-trial-donation") { ... on Event { participants { entity { id } } } }
      events: timeline(entity: "person:olivier-ameisen") { id date participants { entity { id } role ${LOCATOR} } }
    }`);
    expect(donation.participants.map((p) => p.entity.id)).not.toContain('person:olivier-ameisen');
    expect(events.map((e) => e.id)).not.toContain('event:amsterdam-trial-donation');
    const call = events.find((e) => e.date === '2004');
    expect(call?.participants.map((p) => p.entity.id).sort()).toEqual(['drug:baclofen', 'person:olivier-ameisen']);
    const ameisen = call!.participants.find((p) => p.entity.id === 'person:olivier-ameisen')!;
    expect(ameisen.role).toMatch(/called for/);
    expect(at(ameisen.citation)).toBe('Research 4.2');
  });
});
