/**
 * Apollo Client's normalized cache over overlapping queries
 *
 * Apps keep the API's answers in `@apollo/client`'s InMemoryCache, which with its default
 * configuration stores every object once, under `__typename:id`, and merges into it what each
 * query selects. Against a real API process, queries that overlap must leave each other's
 * fields in place (the cache still answers each of them in full, exactly as the wire did), keep
 * the two views of one statement apart, and make Apollo warn about nothing.
 */
import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

// Apollo's default build only warns in development (`globalThis.__DEV__`), read when it loads;
// apps see its cache warnings while they are being developed, so the test runs it that way.
vi.hoisted(() => {
  (globalThis as { __DEV__?: boolean }).__DEV__ = true;
});

import { ApolloClient, HttpLink, InMemoryCache, setLogVerbosity, type DocumentNode } from '@apollo/client/core';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { parse } from 'graphql';
import { startApiProcess, type ApiProcess } from '../scripts/apiProcess.js';
import { openDatabase, testConnection, useStandardGraph } from './support/testGraph.js';
import { prepareSeed } from '../seed/seedGraph.js';
import { ACTS_ON_VIEWS, ANALOGUE_VIEWS, TARGET_ACTIONS, TARGET_EVIDENCE } from './support/overlappingQueries.js';

const database = openDatabase();
let api: ApiProcess;

beforeAll(async () => {
  await useStandardGraph(database);
  api = await startApiProcess(testConnection());
  // Apollo's messages in words rather than as links to its error-code page.
  loadDevMessages();
  loadErrorMessages();
});

afterAll(async () => {
  await api?.stop();
  await database.close();
});

/** Everything Apollo says through the console (its `invariant` logging ends there too). */
const CONSOLE_METHODS = ['debug', 'log', 'info', 'warn', 'error'] as const;
let said: string[];
let spies: MockInstance[];

beforeEach(() => {
  said = [];
  setLogVerbosity('debug');
  spies = CONSOLE_METHODS.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      said.push(`${method}: ${format(...args)}`);
    }),
  );
});

afterEach(() => {
  for (const spy of spies) spy.mockRestore();
});

/** An Apollo client as apps make one (default InMemoryCache, HttpLink) that keeps each answer as the wire carried it. */
function recordingClient() {
  const wire = new Map<string, unknown>();
  const key = (operationName: string, variables: Record<string, unknown>) =>
    `${operationName} ${JSON.stringify(variables)}`;
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const request = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> };
    const body = (await response.clone().json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(`${request.operationName} failed: ${JSON.stringify(body.errors)}`);
    wire.set(key(request.operationName, request.variables), body.data);
    return response;
  };
  const client = new ApolloClient({
    link: new HttpLink({ uri: api.url, fetch: fetchImpl }),
    cache: new InMemoryCache(),
  });
  return {
    /** Sends the operation to the API, bypassing the cache, and stores the answer in it. */
    async send(query: DocumentNode, variables: Record<string, unknown>) {
      await client.query({ query, variables, fetchPolicy: 'network-only' });
    },
    /** What the cache answers for the operation now, without the network. */
    cached<T>(query: DocumentNode, variables: Record<string, unknown>): T | null {
      return client.cache.readQuery<T>({ query, variables });
    },
    /** What the API last sent for the operation with these variables. */
    sent(operationName: string, variables: Record<string, unknown>): unknown {
      if (!wire.has(key(operationName, variables))) throw new Error(`${operationName} was never sent`);
      return wire.get(key(operationName, variables));
    },
  };
}

interface TargetActions {
  drug: {
    id: string;
    name: string;
    targets: { id: string; action: string; target: { id: string; name: string }; citation: { statement: string } }[];
  };
  meta: { id: string; dataVersion: string };
}

interface TargetEvidence {
  drug: {
    id: string;
    targets: {
      id: string;
      affinities: { value: number; unit: string }[];
      citations: { id: string; section: string; paragraph: number; sentence: number }[];
      target: { id: string };
    }[];
  };
  meta: { id: string; statementCount: number; evidenceCount: number };
}

const NESTED_CITATIONS = parse(`
  query NestedCitations($id: ID!) {
    drug(id: $id) {
      id
      brands { id name citation { id section paragraph sentence statement reading } }
      classes { id drugClass { id citation { id section paragraph sentence statement reading } } }
      targets { id target { id citation { id section paragraph sentence statement reading } } }
    }
  }
`);

interface NestedCitation {
  id: string;
  statement: string;
}

interface NestedCitations {
  drug: {
    brands: { name: string; citation: NestedCitation }[];
    classes: { drugClass: { citation: NestedCitation } }[];
    targets: { target: { citation: NestedCitation } }[];
  };
}

interface AnalogueViews {
  drug: { analogues: { id: string; statementId: string; direction: string; drug: { id: string } }[] };
}

interface ActsOnViews {
  entity: { relations: { id: string; statementId: string; direction: string; node: { id: string } }[] };
}

describe('Apollo InMemoryCache (default configuration) over overlapping queries', () => {
  it('targets with their action, then with affinities and evidence: the cache still answers both in full', async () => {
    const { send, cached, sent } = recordingClient();
    const baclofen = { name: 'baclofen' };
    await send(TARGET_ACTIONS, baclofen);
    await send(TARGET_EVIDENCE, baclofen);

    const actions = cached<TargetActions>(TARGET_ACTIONS, baclofen);
    const evidence = cached<TargetEvidence>(TARGET_EVIDENCE, baclofen);
    expect(actions).toEqual(sent('TargetActions', baclofen));
    expect(evidence).toEqual(sent('TargetEvidence', baclofen));

    expect(actions!.drug.targets.map((t) => [t.target.id, t.target.name, t.action])).toEqual([
      ['target:gaba-b-receptor', 'GABAB receptor', 'inhibitory ligand'],
      ['target:gaba-b-receptor', 'GABAB receptor', 'agonist'],
      // DrugCentral's gene-level targets, in name order with the article's.
      ['target:gabbr1', 'GABBR1', 'agonist'],
      ['target:gabbr2', 'GABBR2', 'agonist'],
      ['target:alpha2delta-vgcc', 'α2δ subunit-containing voltage-gated calcium channel', 'blocker'],
    ]);
    expect(actions!.drug.targets[1]!.citation.statement).toBe(
      'Baclofen is thought to work as an agonist of GABA receptors of the B type.',
    );
    // Each action is one statement with all its sentences, the first being `citation`.
    const [inhibitoryLigand, gabaB, , , alpha2delta] = evidence!.drug.targets;
    expect(evidence!.drug.targets.map((t) => t.id)).toEqual(actions!.drug.targets.map((t) => t.id));
    expect(gabaB!.citations.map((c) => [c.section, c.paragraph, c.sentence])).toEqual([
      ['Pharmacology', 1, 2],
      ['Pharmacodynamics', 1, 1],
    ]);
    expect(inhibitoryLigand!.citations.map((c) => [c.section, c.paragraph, c.sentence])).toEqual([
      ['Pharmacodynamics', 1, 2],
    ]);
    expect(gabaB!.affinities).toEqual([]);
    expect(alpha2delta!.citations.map((c) => [c.section, c.paragraph, c.sentence])).toEqual([
      ['Pharmacodynamics', 2, 1],
      ['Pharmacodynamics', 2, 4],
    ]);
    expect(alpha2delta!.affinities.map((a) => [a.value, a.unit])).toEqual([[156, 'µM']]);
    // Both queries asked for Meta; it is one object, so both selections of it survive.
    expect(evidence!.meta.id).toBe(`meta:${actions!.meta.dataVersion}`);
    const rows = prepareSeed();
    const statements = [...[...rows.relations.values()].flat(), ...rows.literals];
    expect(evidence!.meta).toMatchObject({
      statementCount: statements.length,
      evidenceCount: statements.reduce((n, s) => n + (s.props.evidenceCount ?? 1), 0),
    });

    expect(said).toEqual([]);
  });

  it("baclofen's and phenibut's analogues stay two views of their one statement", async () => {
    const { send, cached, sent } = recordingClient();
    const ofBaclofen = { id: 'drug:baclofen' };
    const ofPhenibut = { id: 'drug:phenibut' };
    await send(ANALOGUE_VIEWS, ofBaclofen);
    await send(ANALOGUE_VIEWS, ofPhenibut);

    const fromBaclofen = cached<AnalogueViews>(ANALOGUE_VIEWS, ofBaclofen);
    const fromPhenibut = cached<AnalogueViews>(ANALOGUE_VIEWS, ofPhenibut);
    expect(fromBaclofen).toEqual(sent('AnalogueViews', ofBaclofen));
    expect(fromPhenibut).toEqual(sent('AnalogueViews', ofPhenibut));

    const views = (data: AnalogueViews | null) => data!.drug.analogues.map((a) => [a.drug.id, a.direction]);
    expect(views(fromBaclofen)).toEqual([
      ['drug:phenibut', 'INCOMING'],
      ['drug:pregabalin', 'INCOMING'],
      ['drug:gaba', 'OUTGOING'],
    ]);
    expect(views(fromPhenibut)).toEqual([
      ['drug:baclofen', 'OUTGOING'],
      ['drug:gaba', 'OUTGOING'],
    ]);
    // "Phenibut is an analogue of baclofen", seen from each drug: one statement, two ids.
    const seenFromBaclofen = fromBaclofen!.drug.analogues.find((a) => a.drug.id === 'drug:phenibut')!;
    const seenFromPhenibut = fromPhenibut!.drug.analogues.find((a) => a.drug.id === 'drug:baclofen')!;
    expect(seenFromBaclofen.statementId).toBe(seenFromPhenibut.statementId);
    expect(seenFromPhenibut.id).toBe(seenFromPhenibut.statementId);
    expect(seenFromBaclofen.id).toBe(`${seenFromPhenibut.statementId}/incoming`);

    expect(said).toEqual([]);
  });

  it('an ACTS_ON relationship read from the drug and from the target keeps both directions', async () => {
    const { send, cached, sent } = recordingClient();
    const ofDrug = { id: 'drug:baclofen' };
    const ofTarget = { id: 'target:gaba-b-receptor' };
    await send(ACTS_ON_VIEWS, ofDrug);
    await send(ACTS_ON_VIEWS, ofTarget);

    const fromDrug = cached<ActsOnViews>(ACTS_ON_VIEWS, ofDrug);
    const fromTarget = cached<ActsOnViews>(ACTS_ON_VIEWS, ofTarget);
    expect(fromDrug).toEqual(sent('ActsOnViews', ofDrug));
    expect(fromTarget).toEqual(sent('ActsOnViews', ofTarget));

    const views = (data: ActsOnViews | null) => data!.entity.relations.map((r) => [r.node.id, r.direction]);
    expect(views(fromDrug)).toEqual([
      ['target:gaba-b-receptor', 'OUTGOING'],
      ['target:gaba-b-receptor', 'OUTGOING'],
      ['target:gabbr1', 'OUTGOING'],
      ['target:gabbr2', 'OUTGOING'],
      ['target:alpha2delta-vgcc', 'OUTGOING'],
    ]);
    expect(views(fromTarget)).toEqual([
      ['drug:baclofen', 'INCOMING'],
      ['drug:baclofen', 'INCOMING'],
      ['drug:ghb', 'INCOMING'],
      ['drug:phenibut', 'INCOMING'],
    ]);
    const outgoing = fromDrug!.entity.relations[0]!;
    const incoming = fromTarget!.entity.relations[0]!;
    expect(incoming.statementId).toBe(outgoing.statementId);
    expect(incoming.id).toBe(`${outgoing.id}/incoming`);

    expect(said).toEqual([]);
  });

  it("nested entities' citations keep their own sentences: baclofen's brands, classes and targets", async () => {
    const { send, cached, sent } = recordingClient();
    const baclofen = { id: 'drug:baclofen' };
    await send(NESTED_CITATIONS, baclofen);
    const fromCache = cached<NestedCitations>(NESTED_CITATIONS, baclofen);
    expect(fromCache).toEqual(sent('NestedCitations', baclofen));

    const cites = [
      ...fromCache!.drug.brands.map((b) => b.citation),
      ...fromCache!.drug.classes.map((c) => c.drugClass.citation),
      ...fromCache!.drug.targets.map((t) => t.target.citation),
    ];
    expect(cites.length).toBeGreaterThan(8);
    for (const cite of cites) expect(cite.id).toMatch(/^cite:[0-9a-f]{16}$/);
    // Before, every nested citation had id "", and the cache answered one sentence for them all.
    expect(new Set(cites.map((c) => c.statement)).size).toBeGreaterThan(3);
    const fleqsuvy = fromCache!.drug.brands.find((b) => b.name === 'Fleqsuvy')!;
    expect(fleqsuvy.citation.statement).toMatch(/Fleqsuvy/);
    expect(said).toEqual([]);
  });

  // Last in the file: Apollo warns once per type and field for as long as it is loaded.
  it('the console capture hears Apollo: without ids, one selection replaces the other', async () => {
    const { send, cached, sent } = recordingClient();
    const baclofen = { name: 'baclofen' };
    const idless = {
      actions: parse('query IdlessActions($name: String!) { drug(name: $name) { id targets { action } } }'),
      affinities: parse(
        'query IdlessAffinities($name: String!) { drug(name: $name) { id targets { affinities { value } } } }',
      ),
      version: parse('query IdlessVersion { meta { dataVersion } }'),
      counts: parse('query IdlessCounts { meta { statementCount } }'),
    };
    await send(idless.actions, baclofen);
    await send(idless.affinities, baclofen);
    await send(idless.version, {});
    await send(idless.counts, {});

    // Lists of objects without ids are replaced whole, silently: the actions are gone.
    expect(sent('IdlessActions', baclofen)).toMatchObject({
      drug: {
        targets: [
          { action: 'inhibitory ligand' },
          { action: 'agonist' },
          { action: 'agonist' },
          { action: 'agonist' },
          { action: 'blocker' },
        ],
      },
    });
    expect(cached(idless.actions, baclofen)).toBeNull();
    // An object without id that is replaced by one with other fields makes Apollo warn.
    expect(cached(idless.version, {})).toBeNull();
    expect(said).toEqual([
      expect.stringMatching(/^warn: Cache data may be lost when replacing the meta field of a Query object/),
    ]);
  });
});
