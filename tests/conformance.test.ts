/**
 * Schema-wide conformance
 *
 * Generates, from the executable schema alone, documents that select every field of every type
 * (tests/support/conformance/selections.ts), calls every root field with real values read from
 * the API's own answers, for every entity of the graph (arguments.ts, runner.ts), and checks all
 * the answers together against rules any client may rely on:
 *
 * 1. No value of type ID is the empty string.
 * 2. One `__typename` + `id` carries the same value for each field wherever and however it is
 *    reached (what Apollo's and urql's normalised caches assume).
 * 3. Every object whose id is a statement's id (`fact:`/`literal:`, `/incoming` for the view
 *    from the object) agrees with the bulk export's statement: citations, ends, direction,
 *    statementId, qualifiers as read from that side, the qualifiers list.
 * 4. No String value is stored JSON or a storage property name, nor any qualifier key.
 * 5. Apollo Client's InMemoryCache, fed every answer, gives each back exactly as sent.
 * 6. `nodes(ids:)` gives back every object by the id it was answered with (nodes.ts).
 * 7. Every `url` is the entity's or the statement's under the public URL.
 *
 * A field added to the schema is selected, and a root field called, with no edit here. The API
 * is the one `npm start` builds, with its document and cost limits raised for these documents.
 * Set CONFORMANCE_REPORT=file to write every violation found to that file as JSON.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Apollo warns about dropped cache data only in development builds (`__DEV__`, read on load).
vi.hoisted(() => {
  (globalThis as { __DEV__?: boolean }).__DEV__ = true;
});

import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { readFacts, type ExportedFact } from '../src/graph/facts.js';
import { createSchema } from '../src/graphql/schema.js';
import { apolloRoundTrip } from './support/conformance/apolloCache.js';
import { inconsistencies } from './support/conformance/consistency.js';
import { formatViolations, type Violation } from './support/conformance/report.js';
import { runConformance, type Run } from './support/conformance/runner.js';
import { emptyIds, storageLeaks, storageNames } from './support/conformance/scalarRules.js';
import { nodeRoundTrips, urlMismatches } from './support/conformance/nodes.js';
import { loadConfig } from '../src/config.js';
import { coverage } from './support/conformance/selections.js';
import { isStatementShaped, statementMismatches } from './support/conformance/statements.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase(30_000);
/** Documents of many aliased calls, each selecting everything, are far past the default limits. */
const api = testApi(database, {
  MAX_ALIASES: '1000',
  MAX_TOKENS: '10000000',
  MAX_DEPTH: '50',
  MAX_COST: '1000000000',
  EXPENSIVE_COST: '1000000000',
  MAX_RESPONSE_BYTES: '1000000000',
  MAX_BODY_BYTES: '100000000',
  QUERY_TIMEOUT_MS: '30000',
});
const schema = createSchema();

let run: Run;
let exported: Map<string, ExportedFact>;
let storage: Set<string>;
const found = new Map<string, Violation[]>();

beforeAll(async () => {
  await useStandardGraph(database);
  run = await runConformance(schema, (document) => graphql(api, document), {
    documentSize: 20,
    concurrency: 2,
    maxRounds: 5,
  });
  const facts = await readFacts(database);
  exported = new Map(facts.map((f) => [f.id, f]));
  const [keys] = await database.read<{ keys: string[] }>({
    name: 'test: property keys',
    cypher: 'CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS keys',
  });
  const apiNames = new Set<string>();
  for (const type of Object.values(schema.getTypeMap()))
    if ('getFields' in type) for (const field of Object.keys(type.getFields())) apiNames.add(field);
  for (const fact of facts) {
    for (const key of Object.keys(fact.qualifiers)) apiNames.add(key);
    for (const c of fact.citations)
      if ('qualifiers' in c) for (const key of Object.keys(c.qualifiers ?? {})) apiNames.add(key);
  }
  storage = storageNames(keys!.keys, apiNames);
  loadDevMessages();
  loadErrorMessages();
}, 900_000);

afterAll(async () => {
  if (process.env.CONFORMANCE_REPORT)
    writeFileSync(process.env.CONFORMANCE_REPORT, JSON.stringify(Object.fromEntries(found), null, 1));
  await database.close();
});

/** Records a rule's violations and fails with a readable report when there are any. */
function expectNone(rule: string, violations: Violation[]) {
  found.set(rule, violations);
  expect(violations.length, formatViolations(rule, violations)).toBe(0);
}

describe('schema-wide conformance of every answer', () => {
  it('selects every field of every type and answers every root field', () => {
    const { all, selected } = coverage(
      schema,
      run.answers.flatMap((a) => a.roots),
    );
    expect(
      [...all].filter((f) => !selected.has(f)),
      'fields never selected',
    ).toEqual([]);
    const roots = Object.keys(schema.getQueryType()!.getFields());
    expect(
      roots.filter((f) => !run.answeredByField.get(f)),
      'root fields never answered',
    ).toEqual([]);
    expect(run.collected.objects.length).toBeGreaterThan(10_000);
    expect(run.collected.objects.filter(isStatementShaped).length).toBeGreaterThan(1_000);
  });

  it('reaches every entity of the graph', () => {
    const subjects = new Set([...exported.values()].map((f) => f.subject));
    expect([...subjects].filter((s) => !run.pools.entityIds.includes(s))).toEqual([]);
  });

  it('answers every generated call without errors (arguments refused as bad input aside)', () => {
    const errors = run.errors.filter((e) => e.code !== 'BAD_USER_INPUT');
    expect(
      errors.slice(0, 20).map((e) => `${e.code} ${e.message} (${e.call})`),
      `${errors.length} error(s)`,
    ).toEqual([]);
  });

  it('rule 1: no ID is the empty string', () => {
    expectNone('rule 1 (empty ID)', emptyIds(run.collected.scalars));
  });

  it('rule 2: one __typename and id carries the same values wherever it is reached', () => {
    expectNone('rule 2 (one identity, one value)', inconsistencies(run.collected.objects));
  });

  it("rule 3: every statement-shaped object agrees with the export's statement, read from its side", () => {
    expectNone('rule 3 (statements agree with the export)', statementMismatches(run.collected.objects, exported));
  });

  it('rule 4: no String value is stored JSON or a storage property name', () => {
    expectNone('rule 4 (storage leaks)', storageLeaks(run.collected.scalars, storage));
  });

  it('rule 6: node(id:) gives back every object by the id it was answered with', async () => {
    const { violations, asked } = await nodeRoundTrips(schema, run.collected.objects, (query, variables) =>
      graphql(api, query, variables),
    );
    expect(asked).toBeGreaterThan(1_000);
    expectNone('rule 6 (node round trips)', violations);
  }, 300_000);

  it("rule 7: every url is its entity's or its statement's, under the public URL", () => {
    const urls = run.collected.objects.filter((o) => typeof o.fields.get('url')?.value === 'string');
    expect(urls.length).toBeGreaterThan(1_000);
    expectNone('rule 7 (urls)', urlMismatches(run.collected.objects, loadConfig({}).PUBLIC_URL, schema));
  });

  it("rule 5: Apollo's InMemoryCache, fed every answer, gives each back as the wire sent it", () => {
    const { violations, said } = apolloRoundTrip(schema, run.answers);
    const warnings = said.map((s) => ({ object: 'Apollo', field: 'console', detail: s }));
    expectNone("rule 5 (Apollo's cache gives back the wire)", [...violations, ...warnings]);
  }, 300_000);
});
