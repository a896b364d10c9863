/**
 * Statements (issue 11): one entry per claim with all of its evidence, stable ids on every
 * fact-shaped type, paths that leave negative statements out and return one path per sequence of
 * entities, closed vocabularies that refuse unknown values, and the typed fields that replace
 * generic relations. Read from the real Neo4j through the API.
 */
import { isNonNullType, isObjectType, isScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSeed } from '../seed/seedGraph.js';
import { createSchema } from '../src/graphql/schema.js';
import { PREDICATES, type Predicate } from '../src/model/predicates.js';
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

const CITATIONS =
  'citation { id } citations { id section paragraph sentence statement reading qualifiers { key value } }';
interface Cited {
  id: string;
  citation: { id: string };
  citations: { id: string; section: string; paragraph: number; sentence: number; statement: string }[];
}

const LISTS = {
  targets: `targets { id target { id } action ${CITATIONS} affinities { id } }`,
  nonTargets: `nonTargets { id target { id } ${CITATIONS} }`,
  analogues: `analogues { id statementId drug { id } relation ${CITATIONS} }`,
  comparisons: `comparisons { id statementId other { id } aspect ${CITATIONS} }`,
  indications: `indications { id condition { id } status route ${CITATIONS} }`,
  notRecommendedFor: `notRecommendedFor { id condition { id } ${CITATIONS} }`,
  contraindications: `contraindications { id condition { id } ${CITATIONS} }`,
  safetyAssessments: `safetyAssessments { id condition { id } safety ${CITATIONS} }`,
  effects: `effects { id effect { id } context ${CITATIONS} }`,
  interactions: `interactions { id with { id } effect ${CITATIONS} }`,
  routes: `routes { id route { id } ${CITATIONS} }`,
  classes: `classes { id drugClass { id } ${CITATIONS} }`,
  research: `research { id condition { id } ${CITATIONS} }`,
  pathways: `pathways { id pathway { id } ${CITATIONS} }`,
  listings: `listings { id organization { id } list ${CITATIONS} }`,
  relations: `relations { id statementId type direction node { id } ${CITATIONS} }`,
  properties: `properties { id attribute ${CITATIONS} }`,
} as const;

/** What makes two entries of a list the same claim: the other end, and what the list shows as kind. */
const CLAIM: Record<keyof typeof LISTS, (e: Record<string, unknown>) => string> = {
  targets: (e) => `${id(e.target)} ${String(e.action)}`,
  nonTargets: (e) => id(e.target),
  analogues: (e) => `${id(e.drug)} ${String(e.relation)}`,
  comparisons: (e) => `${id(e.other)} ${String(e.aspect)}`,
  indications: (e) => `${id(e.condition)} ${String(e.status)} ${String(e.route)}`,
  notRecommendedFor: (e) => id(e.condition),
  contraindications: (e) => id(e.condition),
  safetyAssessments: (e) => id(e.condition),
  effects: (e) => `${id(e.effect)} ${String(e.context)}`,
  interactions: (e) => `${id(e.with)} ${String(e.effect)}`,
  routes: (e) => id(e.route),
  classes: (e) => id(e.drugClass),
  research: (e) => id(e.condition),
  pathways: (e) => id(e.pathway),
  listings: (e) => `${id(e.organization)} ${String(e.list)}`,
  relations: (e) => String(e.id),
  properties: (e) => String(e.id),
};
const id = (v: unknown) => (v as { id: string }).id;

type DrugLists = Record<keyof typeof LISTS, (Cited & Record<string, unknown>)[]> & { id: string };

describe('one entry per statement', () => {
  const drugs: DrugLists[] = [];
  beforeAll(async () => {
    const ids = prepareSeed()
      .entities.get('Drug')!
      .map((d) => d.id);
    // A few lists of one drug a request: every list of every drug at once is over the cost limit.
    const lists = Object.values(LISTS);
    for (const drugId of ids) {
      const parts: DrugLists[] = [];
      for (let i = 0; i < lists.length; i += 4) {
        const { drug } = await query<{ drug: DrugLists }>(
          `{ drug(id: "${drugId}") { id ${lists.slice(i, i + 4).join(' ')} } }`,
        );
        parts.push(drug);
      }
      drugs.push(Object.assign({}, ...parts) as DrugLists);
    }
    expect(drugs).toHaveLength(ids.length);
  });

  it('lists each claim once in every list of every drug, with distinct ids', () => {
    let entries = 0;
    for (const drug of drugs) {
      for (const [list, claim] of Object.entries(CLAIM) as [keyof typeof LISTS, (e: object) => string][]) {
        const items = drug[list];
        entries += items.length;
        expect(new Set(items.map(claim)).size, `${drug.id} ${list}`).toBe(items.length);
        expect(new Set(items.map((e) => e.id)).size, `${drug.id} ${list} ids`).toBe(items.length);
      }
    }
    expect(entries).toBeGreaterThan(300);
  });

  it('gives each entry all of its evidence, the first as citation, each piece with its own id', () => {
    for (const drug of drugs)
      for (const list of Object.keys(LISTS) as (keyof typeof LISTS)[])
        for (const entry of drug[list]) {
          expect(entry.citations.length).toBeGreaterThan(0);
          expect(entry.citation.id).toBe(entry.citations[0]!.id);
          expect(new Set(entry.citations.map((c) => c.id)).size).toBe(entry.citations.length);
        }
  });

  it("lists baclofen's spasticity by route, its intrathecal route and its GABAB agonism once, with every sentence", () => {
    const baclofen = drugs.find((d) => d.id === 'drug:baclofen')!;
    const where = (e: Cited) => e.citations.map((c) => `${c.section} ${c.paragraph}.${c.sentence}`);
    const spasticity = baclofen.indications.filter((e) => id(e.condition) === 'condition:spasticity');
    const intrathecal = baclofen.routes.filter((e) => id(e.route) === 'route:intrathecal');
    const gabaB = baclofen.targets.filter((e) => id(e.target) === 'target:gaba-b-receptor');
    // The oral (unstated route) and the intrathecal use are two claims; so are agonism and the
    // inferred inhibitory-ligand action.
    expect(spasticity.map((e) => [e.route, where(e)])).toEqual([
      ['intrathecal', ['History 2.1', 'Medical uses 1.3']],
      [null, ['Lead 1.1', 'Medical uses 1.1']],
    ]);
    expect(gabaB.map((e) => [e.action, where(e)])).toEqual([
      ['inhibitory ligand', ['Pharmacodynamics 1.2']],
      ['agonist', ['Pharmacology 1.2', 'Pharmacodynamics 1.1']],
    ]);
    expect(intrathecal).toHaveLength(1);
    expect(intrathecal[0]!.citations.length).toBeGreaterThanOrEqual(5);
    expect(new Set(where(intrathecal[0]!)).size).toBe(intrathecal[0]!.citations.length);
  });

  it('keeps what one sentence alone says with that sentence (an intrathecal population, say)', () => {
    const baclofen = drugs.find((d) => d.id === 'drug:baclofen')!;
    const intrathecal = baclofen.indications.find(
      (e) => id(e.condition) === 'condition:spasticity' && e.route === 'intrathecal',
    )!;
    const nuance = intrathecal.citations.map(
      (c) => (c as unknown as { qualifiers: { key: string; value: string }[] }).qualifiers,
    );
    expect(nuance).toEqual([
      [{ key: 'population', value: 'severe spinal spasticity' }],
      [
        {
          key: 'population',
          value:
            'severe spasticity of spinal origin not controlled by, or not tolerating, maximal oral antispasmodic doses',
        },
      ],
    ]);
  });

  it('files uses the article advises against as negative statements, not as indications', () => {
    const baclofen = drugs.find((d) => d.id === 'drug:baclofen')!;
    const advisedAgainst = baclofen.notRecommendedFor.map((e) => id(e.condition)).sort();
    expect(advisedAgainst).toEqual(
      ['condition:parkinsons-disease', 'condition:stroke', 'condition:cerebral-palsy'].sort(),
    );
    const indicated = new Set(baclofen.indications.map((e) => id(e.condition)));
    expect(indicated.has('condition:stroke')).toBe(false);
    expect(indicated.has('condition:parkinsons-disease')).toBe(false);
  });

  it('assesses breastfeeding as likely safe, and does not list it among contraindications', () => {
    const baclofen = drugs.find((d) => d.id === 'drug:baclofen')!;
    const safety = Object.fromEntries(baclofen.safetyAssessments.map((e) => [id(e.condition), e.safety]));
    expect(safety).toEqual({ 'condition:breastfeeding': 'likely safe', 'condition:pregnancy': 'unclear' });
    expect(baclofen.contraindications.map((e) => id(e.condition))).not.toContain('condition:breastfeeding');
  });
});

describe('ids', () => {
  const schema = createSchema();

  it('are on every type that carries a citation, and on Citation and Meta', () => {
    const cited = Object.values(schema.getTypeMap()).filter(
      (t) =>
        isObjectType(t) &&
        !t.name.startsWith('__') &&
        ('citation' in t.getFields() || ['Citation', 'Meta'].includes(t.name)),
    );
    const entity = (t: unknown) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Entity');
    expect(cited.length).toBeGreaterThan(20);
    for (const type of cited) {
      if (!isObjectType(type)) continue;
      const field = type.getFields().id;
      expect(field, `${type.name}.id`).toBeDefined();
      expect(isNonNullType(field!.type) && isScalarType(field!.type.ofType) && field!.type.ofType.name).toBe('ID');
      // An entity is cited by the one sentence that introduces it; facts carry all of their evidence.
      if ('citation' in type.getFields() && !entity(type))
        expect(type.getFields(), `${type.name}.citations`).toHaveProperty('citations');
    }
  });

  it('are the same in the API as the loader derives from the data, so a reload of the same data keeps them', () => {
    const rows = prepareSeed();
    const loaded = new Set([...rows.relations.values()].flat().map((r) => r.factId));
    const again = new Set([...prepareSeed().relations.values()].flat().map((r) => r.factId));
    expect(again).toEqual(loaded);
    return query<{ entity: { relations: { statementId: string }[] } }>(
      '{ entity(id: "drug:baclofen") { relations { statementId } } }',
    ).then(({ entity }) => {
      expect(entity.relations.length).toBeGreaterThan(50);
      for (const r of entity.relations) expect(loaded.has(r.statementId)).toBe(true);
    });
  });

  it('tell the two views of one statement apart, and give both the statement id', async () => {
    const { baclofen, phenibut } = await query<{
      baclofen: { analogues: { id: string; statementId: string; drug: { id: string } }[] };
      phenibut: { analogues: { id: string; statementId: string; drug: { id: string } }[] };
    }>(`{
      baclofen: drug(id: "drug:baclofen") { analogues { id statementId drug { id } } }
      phenibut: drug(id: "drug:phenibut") { analogues { id statementId drug { id } } }
    }`);
    const fromBaclofen = baclofen.analogues.find((a) => a.drug.id === 'drug:phenibut')!;
    const fromPhenibut = phenibut.analogues.find((a) => a.statementId === fromBaclofen.statementId)!;
    expect(fromPhenibut.drug.id).toBe('drug:baclofen');
    expect([fromBaclofen.id, fromPhenibut.id].sort()).toEqual(
      [fromBaclofen.statementId, `${fromBaclofen.statementId}/incoming`].sort(),
    );
  });
});

interface PathAnswer {
  paths: {
    id: string;
    length: number;
    evidenceCount: number;
    nodes: { id: string }[];
    hops: { type: string; statements: { id: string; type: string; polarity: string; evidenceCount: number }[] }[];
  }[];
}
const PATH_FIELDS =
  '{ id length evidenceCount nodes { id } hops { type statements { id type polarity evidenceCount } } }';

describe('paths', () => {
  it('from baclofen to GHB: no negative statement, one path per sequence, ranked by evidence', async () => {
    const { paths } = await query<PathAnswer>(
      `{ paths(from: "drug:baclofen", to: "drug:ghb", first: 20) ${PATH_FIELDS} }`,
    );
    expect(paths.length).toBeGreaterThan(0);
    const sequences = paths.map((p) => p.nodes.map((n) => n.id).join(' > '));
    expect(new Set(sequences).size).toBe(paths.length);
    const negative = Object.keys(PREDICATES).filter((p) => PREDICATES[p as Predicate].polarity === 'negative');
    for (const path of paths)
      for (const hop of path.hops) {
        expect(hop.statements.length).toBeGreaterThan(0);
        for (const s of hop.statements) {
          expect(s.polarity).not.toBe('NEGATIVE');
          expect(negative).not.toContain(s.type);
        }
      }
    for (let i = 1; i < paths.length; i++) {
      const [a, b] = [paths[i - 1]!, paths[i]!];
      expect(a.length < b.length || (a.length === b.length && a.evidenceCount >= b.evidenceCount)).toBe(true);
    }
    const hopEvidence = paths[0]!.hops.flatMap((h) => h.statements).reduce((n, s) => n + s.evidenceCount, 0);
    expect(paths[0]!.evidenceCount).toBe(hopEvidence);
  });

  it('walks a negative statement only when asked to', async () => {
    const negative = `{ paths(from: "drug:baclofen", to: "target:ghb-receptor", maxHops: 1) ${PATH_FIELDS} }`;
    const without = await query<PathAnswer>(negative);
    expect(without.paths).toEqual([]);
    const withNegative = await query<PathAnswer>(negative.replace('maxHops: 1', 'maxHops: 1, includeNegative: true'));
    expect(withNegative.paths[0]!.hops[0]!.statements.map((s) => [s.type, s.polarity])).toEqual([
      ['NO_SIGNIFICANT_AFFINITY_FOR', 'NEGATIVE'],
    ]);
  });

  it('uses only the relationship types asked for', async () => {
    const all = await query<PathAnswer>(`{ paths(from: "drug:baclofen", to: "drug:ghb", first: 20) ${PATH_FIELDS} }`);
    const used = new Set(all.paths.flatMap((p) => p.hops.flatMap((h) => h.statements.map((s) => s.type))));
    const allowed = ['ACTS_ON', 'ANALOGUE_OF', 'DERIVATIVE_OF'];
    const { paths } = await query<PathAnswer>(
      `{ paths(from: "drug:baclofen", to: "drug:ghb", first: 20, maxHops: 5, relationTypes: [${allowed.join(', ')}]) ${PATH_FIELDS} }`,
    );
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) for (const h of p.hops) for (const s of h.statements) expect(allowed).toContain(s.type);
    expect([...used].some((t) => !allowed.includes(t))).toBe(true);
  });
});

describe('vocabularies', () => {
  it('refuse an unknown predicate or attribute with BAD_USER_INPUT naming the valid ones', async () => {
    const facts = await graphql(api, '{ facts(predicate: "halflife") { totalCount } }');
    expect(facts.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(facts.errors?.[0]?.message).toContain('did you mean halfLife?');
    expect(facts.errors?.[0]?.message).toContain('INDICATED_FOR');
    const properties = await graphql(api, '{ drug(id: "drug:baclofen") { properties(attribute: "halflife") { id } } }');
    expect(properties.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(properties.errors?.[0]?.message).toContain('halfLife');
  });

  it('are listed in meta with a meaning for every value, and the predicates are the schema’s', async () => {
    const { meta } = await query<{
      meta: {
        id: string;
        statementCount: number;
        evidenceCount: number;
        vocabularies: { name: string; values: { value: string; description: string }[] }[];
      };
    }>('{ meta { id statementCount evidenceCount vocabularies { name values { value description } } } }');
    const predicates = meta.vocabularies.find((v) => v.name === 'predicate')!.values.map((v) => v.value);
    const relationType = createSchema().getType('RelationType');
    expect(predicates.sort()).toEqual(
      (relationType as unknown as { getValues(): { name: string }[] })
        .getValues()
        .map((v) => v.name)
        .sort(),
    );
    for (const v of meta.vocabularies) for (const term of v.values) expect(term.description.length).toBeGreaterThan(5);
    expect(meta.evidenceCount).toBeGreaterThan(meta.statementCount);
  });

  it('give effect contexts and use statuses as enum values beside the text', async () => {
    const { drug } = await query<{
      drug: {
        effects: { context: string; effectContext: string }[];
        indications: { status: string; useStatus: string }[];
      };
    }>(
      '{ drug(id: "drug:baclofen") { effects(context: COMMON) { context effectContext } indications { status useStatus } } }',
    );
    expect(drug.effects.length).toBeGreaterThan(0);
    for (const e of drug.effects) expect([e.context, e.effectContext]).toEqual(['common', 'COMMON']);
    for (const i of drug.indications) expect(i.useStatus).toBe(i.status.toUpperCase().replace(/[- ]/g, '_'));
  });
});

describe('typed fields', () => {
  it('give pathways, listings, authors and year, and combined drugs as drugs', async () => {
    const data = await query<{
      baclofen: {
        pathways: { pathway: { id: string }; effect: string }[];
        listings: { organization: { id: string }; list: string }[];
        research: { combinedWith: string[]; combinedWithDrugs: { id: string; name: string }[] }[];
      };
      book: { authors: { id: string }[]; year: number | null };
      ameisen: { publications: { id: string }[] };
    }>(`{
      baclofen: drug(id: "drug:baclofen") {
        pathways { pathway { id } effect }
        listings { organization { id } list }
        research { combinedWith combinedWithDrugs { id name } }
      }
      book: entity(id: "publication:le-dernier-verre") { ... on Publication { authors { id } year } }
      ameisen: entity(id: "person:olivier-ameisen") { ... on Person { publications { id } } }
    }`);
    expect(data.baclofen.pathways.map((p) => p.pathway.id)).toContain('pathway:mesolimbic-dopamine');
    expect(data.baclofen.listings.map((l) => l.organization.id).sort()).toEqual(['org:bnf', 'org:who']);
    const combined = data.baclofen.research.filter((r) => r.combinedWith.length > 0);
    expect(combined.length).toBeGreaterThan(0);
    for (const r of combined) expect(r.combinedWithDrugs.map((d) => d.id)).toEqual(r.combinedWith);
    expect(data.book.authors).toEqual([{ id: 'person:olivier-ameisen' }]);
    expect(data.book.year).toBe(2008);
    expect(data.ameisen.publications).toEqual([{ id: 'publication:le-dernier-verre' }]);
  });
});
