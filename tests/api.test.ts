/**
 * The GraphQL API on the loaded graph: the acceptance questions of each user group, answered
 * from the real Neo4j through the API's HTTP handler (in-process, no port).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

const CITATION = 'citation { source { title url licence } section paragraph sentence url statement hedge }';

describe('drug lookups', () => {
  it('finds baclofen by its brand "lioresal", with the six brands of the article', async () => {
    const { data, errors } = await graphql<{ drug: { id: string; brands: { name: string }[] } }>(
      api,
      '{ drug(name: "lioresal") { id brands { name } } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.drug.id).toBe('drug:baclofen');
    expect(data!.drug.brands.map((b) => b.name)).toEqual([
      'Fleqsuvy',
      'Gablofen',
      'Kemstro',
      'Lioresal',
      'Lyvispah',
      'Ozobax',
    ]);
  });

  it('ignores case, accents and how Greek letters are written', async () => {
    const { data } = await graphql<Record<string, { id: string } | null>>(
      api,
      `
        {
          a: drug(name: "BACLOFEN") {
            id
          }
          b: drug(name: "gamma-hydroxybutyric acid") {
            id
          }
          c: drug(name: "γ-hydroxybutyric acid") {
            id
          }
          d: drug(name: "Γ-HYDROXYBUTYRIC ACID") {
            id
          }
          e: drug(name: "no such drug") {
            id
          }
        }
      `,
    );
    expect(data).toEqual({
      a: { id: 'drug:baclofen' },
      b: { id: 'drug:ghb' },
      c: { id: 'drug:ghb' },
      d: { id: 'drug:ghb' },
      e: null,
    });
  });

  it('finds a drug by a registry identifier, and says null for an unknown one', async () => {
    const { data, errors } = await graphql<Record<string, { id: string; identifiers?: unknown[] } | null>>(
      api,
      `
        {
          pubchem: drugByIdentifier(namespace: PUBCHEM_CID, value: "2284") {
            id
            identifiers {
              namespace
              value
              url
              source {
                title
              }
            }
          }
          drugbank: drugByIdentifier(namespace: DRUGBANK, value: "DB00230") {
            id
          }
          missing: drugByIdentifier(namespace: CAS, value: "0-00-0") {
            id
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    expect(data!.pubchem!.id).toBe('drug:baclofen');
    expect(data!.pubchem!.identifiers).toContainEqual({
      namespace: 'WIKIDATA',
      value: 'Q413717',
      url: 'https://www.wikidata.org/wiki/Q413717',
      source: { title: 'Wikidata' },
    });
    expect(data!.drugbank!.id).toBe('drug:pregabalin');
    expect(data!.missing).toBeNull();
  });

  it('batches 20 names in input order with null for each miss', async () => {
    const names = [
      'baclofen',
      'nope-1',
      'phenibut',
      'Lyrica?',
      'pregabalin',
      'gabapentin',
      'GABA',
      'GHB',
      'clonidine',
      'nope-2',
      'naltrexone',
      'sorbitol',
      'alcohol',
      'Ozobax',
      'β-phenyl-GABA',
      'beta-isobutyl-GABA',
      'nope-3',
      'Kemstro',
      'gamma-aminobutyric acid',
      'nope-4',
    ];
    const { data, errors } = await graphql<{ drugs: ({ id: string } | null)[] }>(
      api,
      'query($names: [String!]) { drugs(names: $names) { id } }',
      { names },
    );
    expect(errors).toBeUndefined();
    expect(data!.drugs.map((d) => d?.id ?? null)).toEqual([
      'drug:baclofen',
      null,
      'drug:phenibut',
      null,
      'drug:pregabalin',
      'drug:gabapentin',
      'drug:gaba',
      'drug:ghb',
      'drug:clonidine',
      null,
      'drug:naltrexone',
      'drug:sorbitol',
      'drug:alcohol',
      'drug:baclofen',
      'drug:phenibut',
      'drug:pregabalin',
      null,
      'drug:baclofen',
      'drug:gaba',
      null,
    ]);
  });

  it('refuses a batch above the documented cap with BAD_USER_INPUT', async () => {
    const { errors } = await graphql(api, 'query($ids: [ID!]) { drugs(ids: $ids) { id } }', {
      ids: Array.from({ length: 101 }, (_, i) => `drug:x${i}`),
    });
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toBe('drugs accepts at most 100 ids and names in all; got 101');
  });

  it('answers an unknown id with null, not an error', async () => {
    const { data, errors } = await graphql(
      api,
      '{ drug(id: "drug:unknown") { id } entity(id: "target:unknown") { id } }',
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ drug: null, entity: null });
  });
});

describe('cited facts', () => {
  it('gives both half-lives of the source, each with its citation', async () => {
    const { data } = await graphql<{ drug: { pharmacokinetics: Record<string, unknown>[] } }>(
      api,
      `{ drug(id: "drug:baclofen") { pharmacokinetics { attribute value low high unit comparator qualifiers { key value } ${CITATION} } } }`,
    );
    const halfLives = data!.drug.pharmacokinetics.filter((q) => q.attribute === 'halfLife');
    expect(halfLives).toHaveLength(2);
    const range = halfLives.find((q) => q.low !== null)!;
    const single = halfLives.find((q) => q.value !== null)!;
    expect(range).toMatchObject({ low: 2, high: 4, unit: 'h' });
    expect(single).toMatchObject({ value: 6.8, unit: 'h' });
    for (const q of [range, single]) {
      expect(q.citation).toMatchObject({
        section: 'Pharmacokinetics',
        paragraph: 1,
        sentence: 3,
        url: 'https://en.wikipedia.org/wiki/Baclofen#Pharmacokinetics',
        source: {
          title: 'Baclofen (Wikipedia)',
          url: 'https://en.wikipedia.org/wiki/Baclofen',
          licence: 'CC BY-SA 4.0',
        },
      });
    }
  });

  it('dates the FDA approval to 1977, as a literal and as a timeline event, both cited', async () => {
    const { data } = await graphql<{
      drug: { properties: { value: number; unit: string; citations: { section: string }[] }[] };
      timeline: {
        name: string;
        year: number;
        participants: { entity: { id: string }; role: string }[];
        citation: { section: string };
      }[];
    }>(
      api,
      `
        {
          drug(id: "drug:baclofen") {
            properties(attribute: "approvalYear") {
              value
              unit
              citations {
                section
              }
            }
          }
          timeline(entity: "org:fda") {
            name
            year
            participants {
              entity {
                id
              }
              role
            }
            citation {
              section
            }
          }
        }
      `,
    );
    // One statement, stated by two sentences.
    expect(data!.drug.properties.map((p) => p.value)).toEqual([1977]);
    expect(data!.drug.properties[0]!.citations.map((c) => c.section).sort()).toEqual(['History', 'Lead']);
    expect(data!.timeline).toHaveLength(1);
    expect(data!.timeline[0]!.year).toBe(1977);
    expect(data!.timeline[0]!.participants.map((p) => p.entity.id).sort()).toEqual(['drug:baclofen', 'org:fda']);
  });

  it('lists the timeline in date order, undated events last', async () => {
    const { data } = await graphql<{ timeline: { year: number | null }[] }>(api, '{ timeline { year } }');
    const years = data!.timeline.map((e) => e.year);
    const dated = years.filter((y): y is number => y !== null);
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    expect(years.slice(0, dated.length)).toEqual(dated);
    expect(dated[0]).toBe(1962);
  });
});

describe('analogue research', () => {
  it('compares Ki at the alpha2delta channel: R-phenibut 23, S-phenibut 39, baclofen 156 µM, each cited', async () => {
    const { data } = await graphql<{ compareAffinity: Record<string, unknown>[] }>(
      api,
      `
        {
          compareAffinity(target: "target:alpha2delta-vgcc") {
            drug {
              id
            }
            measure
            value
            unit
            stereoisomer
            citation {
              section
              paragraph
              sentence
              statement
            }
          }
        }
      `,
    );
    expect(
      data!.compareAffinity.map(({ drug, measure, value, unit, stereoisomer }) => ({
        drug,
        measure,
        value,
        unit,
        stereoisomer,
      })),
    ).toEqual([
      { drug: { id: 'drug:phenibut' }, measure: 'Ki', value: 23, unit: 'µM', stereoisomer: 'R' },
      { drug: { id: 'drug:phenibut' }, measure: 'Ki', value: 39, unit: 'µM', stereoisomer: 'S' },
      { drug: { id: 'drug:baclofen' }, measure: 'Ki', value: 156, unit: 'µM', stereoisomer: 'not stated' },
    ]);
    for (const a of data!.compareAffinity)
      expect(a.citation).toMatchObject({ section: 'Pharmacodynamics', paragraph: 2, sentence: 2 });
  });

  it('finds the drugs sharing targets with baclofen: GHB and phenibut at GABA-B, phenibut and pregabalin at alpha2delta', async () => {
    const { data } = await graphql<{
      sharedTargets: { target: { id: string }; drug: { id: string }; action: string }[];
    }>(api, '{ sharedTargets(drug: "drug:baclofen") { target { id } drug { id } action } }');
    const pairs = data!.sharedTargets.map((s) => `${s.target.id} ${s.drug.id}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'target:gaba-b-receptor drug:ghb',
        'target:gaba-b-receptor drug:phenibut',
        'target:alpha2delta-vgcc drug:phenibut',
        'target:alpha2delta-vgcc drug:pregabalin',
      ]),
    );
    expect(pairs).not.toContain('target:gaba-b-receptor drug:baclofen');
  });

  it('finds a path from baclofen to GHB through the GABA-B receptor, every hop cited', async () => {
    const { data } = await graphql<{
      paths: {
        length: number;
        nodes: { id: string }[];
        hops: { type: string; direction: string; citation: { statement: string; section: string } }[];
      }[];
    }>(
      api,
      `
        {
          paths(from: "drug:baclofen", to: "drug:ghb") {
            length
            nodes {
              id
            }
            hops {
              type
              direction
              citation {
                section
                statement
              }
            }
          }
        }
      `,
    );
    const viaGabaB = data!.paths.find(
      (p) => p.nodes.map((n) => n.id).join(' ') === 'drug:baclofen target:gaba-b-receptor drug:ghb',
    );
    expect(viaGabaB).toBeDefined();
    expect(viaGabaB!.hops.map((h) => `${h.type} ${h.direction}`)).toEqual(['ACTS_ON OUTGOING', 'ACTS_ON INCOMING']);
    for (const path of data!.paths) {
      expect(path.hops).toHaveLength(path.length);
      for (const hop of path.hops) expect(hop.citation.statement.length).toBeGreaterThan(10);
    }
  });

  it('refuses maxHops above 5 with a clear message', async () => {
    const { errors, data } = await graphql(
      api,
      '{ paths(from: "drug:baclofen", to: "drug:ghb", maxHops: 6) { length } }',
    );
    expect(data).toBeNull();
    expect(errors![0]!.message).toBe('maxHops must be between 1 and 5; got 6');
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('draws the neighbourhood of phenibut: its analogues and targets, with cited edges between them', async () => {
    const { data } = await graphql<{
      neighbourhood: {
        centre: { id: string };
        nodes: { id: string }[];
        edges: { source: string; target: string; type: string; citation: { statement: string } }[];
      };
    }>(
      api,
      '{ neighbourhood(id: "drug:phenibut", relationTypes: [ACTS_ON, ANALOGUE_OF, HAS_AFFINITY_FOR]) { centre { id } nodes { id } edges { source target type citation { statement } } } }',
    );
    const n = data!.neighbourhood;
    expect(n.centre.id).toBe('drug:phenibut');
    expect(n.nodes.map((x) => x.id).sort()).toEqual([
      'drug:baclofen',
      'drug:phenibut',
      'target:alpha2delta-vgcc',
      'target:gaba-b-receptor',
    ]);
    expect(n.edges).toContainEqual(
      expect.objectContaining({ source: 'drug:phenibut', target: 'drug:baclofen', type: 'ANALOGUE_OF' }),
    );
    const ids = new Set(n.nodes.map((x) => x.id));
    for (const e of n.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });
});

describe('search', () => {
  it('ranks baclofen first for the typo "baclofn", saying which field matched', async () => {
    const { data } = await graphql<{
      search: { entity: { id: string }; score: number; matchedField: string; matchedText: string }[];
    }>(api, '{ search(query: "baclofn") { entity { id } score matchedField matchedText } }');
    expect(data!.search[0]).toMatchObject({
      entity: { id: 'drug:baclofen' },
      matchedField: 'name',
      matchedText: 'Baclofen',
    });
    const scores = data!.search.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds a drug through its brand name, and filters by kind', async () => {
    const { data } = await graphql<{ search: { entity: { id: string; kind: string }; matchedField: string }[] }>(
      api,
      '{ search(query: "ozobax", kinds: [Drug]) { entity { id kind } matchedField } }',
    );
    expect(data!.search).toEqual([{ entity: { id: 'drug:baclofen', kind: 'Drug' }, matchedField: 'brand' }]);
  });
});

describe('meta', () => {
  it('reports the loaded data version, counts and sources', async () => {
    const { data } = await graphql<{
      meta: {
        dataVersion: string;
        nodeCounts: { name: string; count: number }[];
        sources: { title: string; licence: string }[];
      };
    }>(
      api,
      '{ meta { dataVersion loadedAt nodeCounts { name count } relationshipCounts { name count } sources { title licence } } }',
    );
    const version = await useStandardGraph(database);
    expect(data!.meta.dataVersion).toBe(version);
    expect(data!.meta.nodeCounts).toContainEqual({ name: 'Brand', count: 6 });
    expect(data!.meta.sources).toContainEqual({ title: 'Baclofen (Wikipedia)', licence: 'CC BY-SA 4.0' });
  });
});

describe('facts', () => {
  type Node = { subject: string; predicate: string; object: string | null };
  type Page = {
    facts: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Node }[];
    };
  };

  /** Follows the cursors from the first page to the last; returns every node and the total. */
  async function pageThrough(filter: string, first: number) {
    const seen: Node[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 100; page++) {
      const { data, errors }: { data?: Page; errors?: unknown[] } = await graphql<Page>(
        api,
        `query($after: String) { facts(${filter} first: ${first}, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { subject predicate object } } } }`,
        { after },
      );
      expect(errors).toBeUndefined();
      totalCount = data!.facts.totalCount;
      seen.push(...data!.facts.edges.map((e) => e.node));
      if (!data!.facts.pageInfo.hasNextPage) return { seen, totalCount };
      after = data!.facts.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  }

  const asNodes = (facts: { subject: string; predicate: string; object?: string }[]) =>
    facts.map((f) => ({ subject: f.subject, predicate: f.predicate, object: f.object ?? null }));

  it("pages through one subject's facts with cursors, matching the bulk export line for line", async () => {
    const { readFacts } = await import('../src/graph/facts.js');
    const exported = await readFacts(database, { subject: 'drug:phenibut' });
    const { seen, totalCount } = await pageThrough('subject: "drug:phenibut",', 4);
    expect(totalCount).toBe(exported.length);
    expect(seen).toEqual(asNodes(exported));
    expect(seen).toContainEqual({
      subject: 'drug:phenibut',
      predicate: 'HAS_AFFINITY_FOR',
      object: 'target:alpha2delta-vgcc',
    });
  });

  it('pages through the whole graph, and through one predicate, in export order', async () => {
    const { readFacts } = await import('../src/graph/facts.js');
    const exported = await readFacts(database);
    const all = await pageThrough('', 100);
    expect(all.totalCount).toBe(exported.length);
    expect(all.seen).toEqual(asNodes(exported));

    for (const predicate of ['ACTS_ON', 'synonym', 'halfLife', 'identifier:PUBCHEM_CID']) {
      const wanted = exported.filter((f) => f.predicate === predicate);
      expect(wanted.length, predicate).toBeGreaterThan(0);
      const some = await pageThrough(`predicate: "${predicate}",`, 7);
      expect(some.totalCount, predicate).toBe(wanted.length);
      expect(some.seen, predicate).toEqual(asNodes(wanted));
    }
  });

  it('refuses a cursor it did not issue', async () => {
    const { errors } = await graphql(api, '{ facts(after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(errors![0]).toMatchObject({
      message: 'after is not a cursor this API issued',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
