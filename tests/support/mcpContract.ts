/**
 * What an MCP client sees, whatever the transport
 *
 * The checks both transports must pass, run by tests/mcp-http.test.ts and tests/mcp-stdio.test.ts
 * with the SDK's own Client: the tools, resources and prompts listed; every tool called with real
 * arguments and its answer compared with the GraphQL API's answer to the same question; every
 * result naming the data version and every claim carrying complete citations; bad input refused
 * with a clear message while the server keeps answering.
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect, it } from 'vitest';

export interface McpHarness {
  client: Client;
  /** The GraphQL API's answer (data) to a query, asked directly. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

export async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

/** A tool's structured result; fails the test, with the text, when the call failed. */
export async function answer<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<T & { dataVersion: string }> {
  const result = await call(client, name, args);
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  return result.structuredContent as T & { dataVersion: string };
}

/** The error text of a call that must fail. */
export async function refusal(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(client, name, args);
  expect(result.isError, JSON.stringify(result.structuredContent)).toBe(true);
  return result.content[0]!.text;
}

interface CitationLike {
  id: string;
  statement: string;
  reading: string;
  hedge: string | null;
  section: string | null;
  paragraph: number | null;
  sentence: number | null;
  url: string;
  source: { id: string; url: string; licence: string; title: string; kind: string };
  record: { file: string; line: number; key: string; fields?: { key: string; value: string }[] } | null;
}

/**
 * Every citation in a result: complete (id, locator fields, statement, hedge, reading, source
 * URL, licence and kind); a dataset's citation with its record (file, line, key) and a link to
 * that line, any other without one; and every list of citations (a claim's evidence) non-empty.
 */
export function citationsIn(value: unknown, found: CitationLike[] = []): CitationLike[] {
  if (Array.isArray(value)) {
    for (const item of value) citationsIn(item, found);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.statement === 'string' && typeof object.reading === 'string') {
      const citation = object as unknown as CitationLike;
      expect(citation.id).toMatch(/^(cite|identifier):/);
      expect(['DIRECT', 'INFERENCE']).toContain(citation.reading);
      for (const key of ['hedge', 'section', 'paragraph', 'sentence']) expect(object).toHaveProperty(key);
      expect(citation.url).toMatch(/^https:\/\//);
      expect(citation.source.url).toMatch(/^https:\/\//);
      expect(citation.source.licence.length).toBeGreaterThan(0);
      expect(['ARTICLE', 'REGISTRY', 'DATASET', 'PAGE']).toContain(citation.source.kind);
      expect(object).toHaveProperty('record');
      if (citation.source.kind === 'DATASET') {
        expect(citation.record, citation.id).toMatchObject({
          file: expect.stringMatching(/^[a-z]+\/[\w.-]+\.tsv$/),
          line: expect.any(Number),
          key: expect.stringMatching(/\S/),
        });
        expect(citation.record!.line).toBeGreaterThan(1);
        expect(citation.url.endsWith(`#L${citation.record!.line}`), citation.url).toBe(true);
      } else {
        expect(citation.record, citation.id).toBeNull();
      }
      found.push(citation);
    }
    if (Array.isArray(object.citations)) expect(object.citations.length, JSON.stringify(object)).toBeGreaterThan(0);
    for (const child of Object.values(object)) citationsIn(child, found);
  }
  return found;
}

const ids = (list: { id: string }[]) => list.map((item) => item.id);

interface FactsPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; citations: { source: { id: string } }[] } }[];
}

/**
 * The citation fields the tools select, as a GraphQL selection: CITES as the tools returning
 * many statements select them (no qualifiers, a record without its fields), CITES_WHOLE whole.
 */
const CITATION = 'id statement reading hedge section paragraph sentence url source { id title url licence kind }';
const CITES = `citations { ${CITATION} record { file line key } }`;
const CITES_WHOLE = `citations { ${CITATION} qualifiers { key value } record { file line key fields { key value } } }`;
const IDENTIFIERS = 'identifiers { id namespace value url source { id title url licence kind } }';

/**
 * The record of a kept dataset file (seed/sources/) whose line starts with `prefix`: its line
 * number (from 1, the header being line 1) and its fields by the header's names.
 */
function datasetRow(file: string, prefix: string): { line: number; fields: Record<string, string> } {
  const [header, ...rows] = readFileSync(new URL(`../../seed/sources/${file}`, import.meta.url), 'utf8').split('\n');
  const at = rows.findIndex((row) => row.startsWith(prefix));
  expect(at, `${prefix} in ${file}`).toBeGreaterThanOrEqual(0);
  const values = rows[at]!.split('\t');
  return { line: at + 2, fields: Object.fromEntries(header!.split('\t').map((name, i) => [name, values[i] ?? ''])) };
}

export const TOOL_NAMES = [
  'search_entities',
  'find_by_identifier',
  'get_entity',
  'find_statements',
  'get_statement',
  'find_paths',
  'compare_analogues',
  'timeline',
  'graphql',
];

/** The checks, as `it` blocks of the calling describe; `harness` is filled in its beforeAll. */
export function mcpContract(harness: () => McpHarness): void {
  const h = () => harness();
  let dataVersion: string;
  const version = async () =>
    (dataVersion ??= (await h().graphql<{ meta: { dataVersion: string } }>('{ meta { dataVersion } }')).meta
      .dataVersion);

  it('lists the tools, each with a description, an input schema and an output schema naming the data version', async () => {
    const { tools } = await h().client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.description!.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.required).toContain('dataVersion');
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('lists the resources, the resource templates and the prompts', async () => {
    const { client } = h();
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'drugfacts://entity/{id}',
      'drugfacts://statement/{id}',
    ]);
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('drugfacts://sources');
    expect(uris).toContain('drugfacts://schema');
    expect(resources.find((r) => r.uri === 'drugfacts://entity/drug:baclofen')?.name).toBe('Baclofen');
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['explain_drug_evidence', 'compare_analogues']);
  });

  it('search_entities("Lioresal") finds baclofen, with the hits and order of the API\'s search', async () => {
    const result = await answer<{ hits: { entity: { id: string; drug?: { id: string } } }[] }>(
      h().client,
      'search_entities',
      { query: 'Lioresal' },
    );
    const { search } = await h().graphql<{ search: { entity: { id: string } }[] }>(
      '{ search(query: "Lioresal") { entity { id } } }',
    );
    expect(result.hits.map((hit) => hit.entity.id)).toEqual(search.map((hit) => hit.entity.id));
    expect(result.hits.map((hit) => hit.entity.id)).toContain('drug:baclofen');
    expect(result.hits.find((hit) => hit.entity.id === 'brand:lioresal')?.entity.drug?.id).toBe('drug:baclofen');
    expect(result.dataVersion).toBe(await version());
    citationsIn(result);
  });

  it("get_entity gives every statement, literal and identifier of baclofen that the API's entity gives, cited", async () => {
    const result = await answer<{
      entity: { id: string };
      statements: { type: string; statements: { statementId: string; citations: { id: string }[] }[] }[];
      properties: { id: string }[];
      identifiers: { id: string }[];
    }>(h().client, 'get_entity', { entity: 'Lioresal' });
    const { drug } = await h().graphql<{
      drug: {
        relations: { statementId: string; citations: { id: string }[] }[];
        properties: { id: string }[];
        identifiers: { id: string }[];
      };
    }>(
      `{ drug(id: "drug:baclofen") { relations { statementId citations { id } } properties { id } identifiers { id } } }`,
    );
    expect(result.entity.id).toBe('drug:baclofen');
    const statements = result.statements.flatMap((group) => group.statements);
    expect(statements.map((s) => s.statementId).sort()).toEqual(drug.relations.map((r) => r.statementId).sort());
    expect(statements.map((s) => ids(s.citations))).toEqual(
      expect.arrayContaining(drug.relations.map((r) => ids(r.citations))),
    );
    expect(ids(result.properties)).toEqual(ids(drug.properties));
    expect(ids(result.identifiers)).toEqual(ids(drug.identifiers));
    expect(result.dataVersion).toBe(await version());
    expect(citationsIn(result).length).toBeGreaterThan(150);
  });

  it("get_entity names each citation's source and kind, and a dataset's record: gabapentin at CACNA2D1 from DrugCentral", async () => {
    const { client } = h();
    // The row of DrugCentral's targets.tsv for Entrez Gene 781 (CACNA2D1) and DrugBank DB00996 (gabapentin).
    const { line, fields } = datasetRow('drugcentral/targets.tsv', '781\tDB00996\t');
    const result = await call(client, 'get_entity', { entity: 'gabapentin' });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const profile = result.structuredContent as {
      entity: { id: string };
      statements: {
        type: string;
        direction: string;
        statements: { statementId: string; node: { id: string }; citations: CitationLike[] }[];
      }[];
    };
    expect(profile.entity.id).toBe('drug:gabapentin');
    const atTarget = profile.statements
      .filter((group) => group.type === 'ACTS_ON' && group.direction === 'OUTGOING')
      .flatMap((group) => group.statements)
      .find((statement) => statement.node.id === 'target:cacna2d1');
    expect(atTarget, 'gabapentin ACTS_ON target:cacna2d1').toBeDefined();
    const fromDrugCentral = atTarget!.citations.find((c) => c.source.id === 'source:drugcentral');
    expect(fromDrugCentral).toMatchObject({
      source: { kind: 'DATASET', url: 'https://github.com/dhimmel/drugcentral' },
      record: { file: 'drugcentral/targets.tsv', line, key: expect.stringContaining('781') },
    });
    // A profile leaves the record's fields to get_statement, as it leaves the qualifiers.
    expect(fromDrugCentral!.record).not.toHaveProperty('fields');
    expect(result.content[0]!.text).toContain(
      `(drugcentral/targets.tsv line ${line}, record ${fromDrugCentral!.record!.key}; DIRECT) DrugCentral`,
    );
    const { entity } = await h().graphql<{ entity: { relations: { statementId: string; citations: unknown[] }[] } }>(
      `{ entity(id: "drug:gabapentin") { relations(types: [ACTS_ON]) { statementId ${CITES} } } }`,
    );
    const viaApi = entity.relations.find((r) => r.statementId === atTarget!.statementId)!;
    expect(atTarget!.citations).toEqual(viaApi.citations);
    // One profile, evidence of three kinds: the article's sentences and two datasets' records.
    const sources = new Set(citationsIn(profile).map((c) => `${c.source.id} ${c.source.kind}`));
    expect([...sources]).toEqual(
      expect.arrayContaining([
        'source:wikipedia-baclofen ARTICLE',
        'source:drugcentral DATASET',
        'source:pharmacotherapydb DATASET',
      ]),
    );

    // get_statement gives the record whole, its fields as the file writes them.
    const found = await answer<{ statement: { id: string; citations: CitationLike[] } }>(client, 'get_statement', {
      id: atTarget!.statementId,
      subject: 'drug:gabapentin',
    });
    const { entity: whole } = await h().graphql<{
      entity: { relations: { statementId: string; citations: unknown[] }[] };
    }>(`{ entity(id: "drug:gabapentin") { relations(types: [ACTS_ON]) { statementId ${CITES_WHOLE} } } }`);
    expect(found.statement.citations).toEqual(
      whole.relations.find((r) => r.statementId === atTarget!.statementId)!.citations,
    );
    const record = found.statement.citations.find((c) => c.source.id === 'source:drugcentral')!.record!;
    expect(fields.actions).toBe('modulator');
    expect(record.fields).toContainEqual({ key: 'actions', value: fields.actions });
    expect(record.fields).toContainEqual({ key: 'sources', value: fields.sources });
    citationsIn(found);
  });

  it('get_entity gives the identifiers of every kind of entity with their sources: a gene by Entrez Gene, a condition by DOID', async () => {
    const { client } = h();
    const { target, condition } = await h().graphql<{
      target: { identifiers: unknown[] };
      condition: { identifiers: unknown[] };
    }>(
      `{ target: entity(id: "target:cacna2d1") { ${IDENTIFIERS} }
         condition: entity(id: "condition:multiple-sclerosis") { ${IDENTIFIERS} } }`,
    );

    const gene = await call(client, 'get_entity', { entity: 'target:cacna2d1' });
    expect(gene.isError, gene.content[0]?.text).toBeFalsy();
    const geneProfile = gene.structuredContent as { entity: { kind: string }; identifiers: unknown[] };
    expect(geneProfile.entity.kind).toBe('Target');
    expect(geneProfile.identifiers).toEqual(target.identifiers);
    const geneLine = datasetRow('hetionet/hetionet-v1.0-nodes.tsv', 'Gene::781\t').line;
    expect(geneProfile.identifiers).toContainEqual({
      id: 'identifier:ENTREZ_GENE:781',
      namespace: 'ENTREZ_GENE',
      value: '781',
      url: expect.stringMatching(new RegExp(`/hetionet-v1\\.0-nodes\\.tsv#L${geneLine}$`)),
      source: expect.objectContaining({ id: 'source:hetionet', kind: 'DATASET' }),
    });
    expect(gene.content[0]!.text).toMatch(/^Identifiers:\n- ENTREZ_GENE 781: https:\/\/\S+ \(Hetionet/m);

    const disease = await answer<{ entity: { kind: string }; identifiers: unknown[] }>(client, 'get_entity', {
      entity: 'condition:multiple-sclerosis',
    });
    expect(disease.entity.kind).toBe('Condition');
    expect(disease.identifiers).toEqual(condition.identifiers);
    const diseaseLine = datasetRow('hetionet/hetionet-v1.0-nodes.tsv', 'Disease::DOID:2377\t').line;
    expect(disease.identifiers).toContainEqual({
      id: 'identifier:DOID:DOID:2377',
      namespace: 'DOID',
      value: 'DOID:2377',
      url: expect.stringMatching(new RegExp(`#L${diseaseLine}$`)),
      source: expect.objectContaining({ id: 'source:hetionet', kind: 'DATASET' }),
    });
  });

  it('find_by_identifier finds entities by Entrez Gene id and by DOID as entitiesByIdentifier does, and says what it lacks', async () => {
    const { client } = h();
    const genes = await answer<{
      namespace: string;
      matches: { value: string; entity: { id: string; identifiers: unknown[] } | null }[];
    }>(client, 'find_by_identifier', { namespace: 'ENTREZ_GENE', values: ['781', '9254', '0'] });
    const { entitiesByIdentifier } = await h().graphql<{
      entitiesByIdentifier: ({ id: string; identifiers: unknown[] } | null)[];
    }>(`{ entitiesByIdentifier(namespace: ENTREZ_GENE, values: ["781", "9254", "0"]) { id ${IDENTIFIERS} } }`);
    expect(genes.matches.map((m) => [m.value, m.entity?.id ?? null])).toEqual([
      ['781', 'target:cacna2d1'],
      ['9254', 'target:cacna2d2'],
      ['0', null],
    ]);
    expect(genes.matches.map((m) => m.entity && { id: m.entity.id, identifiers: m.entity.identifiers })).toEqual(
      entitiesByIdentifier,
    );
    expect(genes.dataVersion).toBe(await version());
    expect(citationsIn(genes)).toHaveLength(2);

    const disease = await answer<{ matches: { entity: { id: string; kind: string } | null }[] }>(
      client,
      'find_by_identifier',
      { namespace: 'DOID', values: ['2377'] },
    );
    expect(disease.matches[0]!.entity).toMatchObject({ id: 'condition:multiple-sclerosis', kind: 'Condition' });

    expect(await refusal(client, 'find_by_identifier', { namespace: 'DOID', values: ['0'] })).toMatch(
      /^NOT_IN_GRAPH: The identifier DOID 0 is not in the graph \(data version \w+\)/,
    );
    expect(await refusal(client, 'find_by_identifier', { namespace: 'NOPE', values: ['1'] })).toMatch(
      /Input validation error/,
    );
  });

  it('find_statements pages through facts by subject and predicate as `facts` does, and by object and source', async () => {
    const { client } = h();
    const first = await answer<{ statements: unknown[]; nextCursor: string; totalCount: number }>(
      client,
      'find_statements',
      { subject: 'drug:baclofen', predicate: 'halfLife', first: 1 },
    );
    const second = await answer<{ statements: unknown[]; nextCursor: string | null }>(client, 'find_statements', {
      subject: 'drug:baclofen',
      predicate: 'halfLife',
      first: 1,
      cursor: first.nextCursor,
    });
    const { facts } = await h().graphql<{ facts: { totalCount: number; edges: { node: unknown }[] } }>(
      `{ facts(subject: "drug:baclofen", predicate: "halfLife") { totalCount
         edges { node { id subject predicate object value low high unit qualifiers { key value } ${CITES_WHOLE} } } } }`,
    );
    expect(facts.totalCount).toBe(2);
    expect([...first.statements, ...second.statements]).toEqual(facts.edges.map((e) => e.node));
    expect(first.totalCount).toBe(facts.totalCount);
    expect(second.nextCursor).toBeNull();
    citationsIn([first, second]);

    const about = await answer<{ statements: { id: string; object: string }[]; totalCount: number }>(
      client,
      'find_statements',
      { object: 'target:gaba-b-receptor', predicate: 'ACTS_ON' },
    );
    const { entity } = await h().graphql<{ entity: { relations: { statementId: string }[] } }>(
      '{ entity(id: "target:gaba-b-receptor") { relations(direction: INCOMING, types: [ACTS_ON]) { statementId } } }',
    );
    expect(ids(about.statements)).toEqual(entity.relations.map((r) => r.statementId));
    expect(about.statements.every((s) => s.object === 'target:gaba-b-receptor')).toBe(true);

    const registry = await answer<{ statements: { id: string }[] }>(client, 'find_statements', {
      subject: 'drug:baclofen',
      source: 'source:pubchem',
      first: 50,
    });
    const fromPubchem: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const { facts: page }: { facts: FactsPage } = await h().graphql(
        'query($after: String) { facts(subject: "drug:baclofen", first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id citations { source { id } } } } } }',
        { after },
      );
      for (const { node } of page.edges)
        if (node.citations.some((c) => c.source.id === 'source:pubchem')) fromPubchem.push(node.id);
      [after, more] = [page.pageInfo.endCursor, page.pageInfo.hasNextPage];
    }
    expect(ids(registry.statements)).toEqual(fromPubchem);
    expect(registry.statements.length).toBeGreaterThan(0);
  });

  it("get_statement returns the same evidence as the statement's citations in GraphQL", async () => {
    const { drug } = await h().graphql<{
      drug: {
        routes: { id: string; citations: unknown[] }[];
        comparisons: { id: string; statementId: string; citations: unknown[] }[];
      };
    }>(`{ drug(id: "drug:phenibut") { routes { id ${CITES_WHOLE} } comparisons { id statementId ${CITES_WHOLE} } } }`);
    const { drug: baclofen } = await h().graphql<{ drug: { routes: { id: string; citations: unknown[] }[] } }>(
      `{ drug(id: "drug:baclofen") { routes { id ${CITES_WHOLE} } } }`,
    );
    const route = baclofen.routes.find((r) => r.citations.length > 1)!;
    const found = await answer<{ statement: { id: string; citations: unknown[] }; subject: { id: string } }>(
      h().client,
      'get_statement',
      { id: route.id },
    );
    expect(found.statement.id).toBe(route.id);
    expect(found.statement.citations).toEqual(route.citations);
    expect(found.subject.id).toBe('drug:baclofen');
    // A view from the object (`/incoming`) names the same statement.
    const incoming = drug.comparisons.find((c) => c.id.endsWith('/incoming'))!;
    const seen = await answer<{ statement: { id: string; citations: unknown[] } }>(h().client, 'get_statement', {
      id: incoming.id,
    });
    expect(seen.statement.id).toBe(incoming.statementId);
    expect(seen.statement.citations).toEqual(incoming.citations);
    expect(seen.dataVersion).toBe(await version());
  });

  it('find_paths baclofen -> GHB gives the paths, hops, statements and evidence of `paths`', async () => {
    const result = await answer<{ paths: unknown[] }>(h().client, 'find_paths', { from: 'drug:baclofen', to: 'GHB' });
    const { paths } = await h().graphql<{ paths: unknown[] }>(
      `{ paths(from: "drug:baclofen", to: "drug:ghb") { id length evidenceCount nodes { id kind name }
         hops { id from { id kind name } to { id kind name }
           statements { id source target type polarity evidenceCount qualifiers { key value } ${CITES} } } } }`,
    );
    expect(paths.length).toBeGreaterThan(0);
    expect(result.paths).toEqual(paths);
    expect((result.paths[0] as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual([
      'drug:baclofen',
      'target:gaba-b-receptor',
      'drug:ghb',
    ]);
    citationsIn(result);
  });

  it("compare_analogues gives each drug's targets, actions and affinities as the API's drugs does", async () => {
    const names = ['baclofen', 'phenibut', 'pregabalin', 'gabapentin', 'GABA', 'GHB'];
    const result = await answer<{ drugs: { id: string; targets: unknown[]; nonTargets: unknown[] }[] }>(
      h().client,
      'compare_analogues',
      { drugs: names },
    );
    // Six drugs with their citations' sources and records are over MAX_COST in one request.
    const drugs: { id: string; targets: unknown[]; nonTargets: unknown[] }[] = [];
    for (const chunk of [names.slice(0, 3), names.slice(3)]) {
      const answered = await h().graphql<{ drugs: { id: string; targets: unknown[]; nonTargets: unknown[] }[] }>(
        `query($names: [String!]) { drugs(names: $names) { id
           targets { id action selectivity clinicallyRelevant target { id kind name }
             affinities { id measure value unit stereoisomer ${CITES} } ${CITES} }
           nonTargets { id target { id kind name } ${CITES} } } }`,
        { names: chunk },
      );
      drugs.push(...answered.drugs);
    }
    expect(ids(result.drugs)).toEqual(ids(drugs));
    expect(result.drugs.map((d) => [d.targets, d.nonTargets])).toEqual(drugs.map((d) => [d.targets, d.nonTargets]));
    expect(JSON.stringify(result)).toContain('"value":39');
    // The article's sentences and DrugCentral's target records side by side.
    const kinds = new Set(citationsIn(result).map((c) => `${c.source.kind} ${c.record?.file ?? '-'}`));
    expect([...kinds]).toEqual(expect.arrayContaining(['ARTICLE -', 'DATASET drugcentral/targets.tsv']));
  });

  it("timeline gives baclofen's events in the API's order, with their participants cited", async () => {
    const result = await answer<{ events: { id: string; participants: { statementId: string }[] }[] }>(
      h().client,
      'timeline',
      { entity: 'drug:baclofen' },
    );
    const { timeline } = await h().graphql<{ timeline: { id: string; participants: { statementId: string }[] }[] }>(
      '{ timeline(entity: "drug:baclofen") { id participants { statementId } } }',
    );
    expect(result.events.map((e) => [e.id, e.participants.map((p) => p.statementId)])).toEqual(
      timeline.map((e) => [e.id, e.participants.map((p) => p.statementId)]),
    );
    citationsIn(result);
  });

  it('graphql runs a read-only query and answers what /graphql answers', async () => {
    const query = `{ drug(name: "Gablofen") { id pharmacokinetics { id attribute ${CITES} } } }`;
    const result = await answer<{ data: unknown; errors: unknown[] }>(h().client, 'graphql', { query });
    expect(result.data).toEqual(await h().graphql(query));
    expect(result.errors).toEqual([]);
    expect(result.dataVersion).toBe(await version());
  });

  it('reads entities, statements, the sources and the schema as resources, and gives the prompts', async () => {
    const { client } = h();
    const entity = await client.readResource({ uri: 'drugfacts://entity/drug:ghb' });
    const profile = JSON.parse((entity.contents[0] as { text: string }).text) as {
      dataVersion: string;
      entity: { id: string };
    };
    expect(profile.entity.id).toBe('drug:ghb');
    expect(profile.dataVersion).toBe(await version());
    const { drug } = await h().graphql<{ drug: { targets: { id: string; citations: unknown[] }[] } }>(
      `{ drug(id: "drug:ghb") { targets { id ${CITES_WHOLE} } } }`,
    );
    const statement = await client.readResource({ uri: `drugfacts://statement/${drug.targets[0]!.id}` });
    const read = JSON.parse((statement.contents[0] as { text: string }).text) as {
      statement: { citations: unknown[] };
    };
    expect(read.statement.citations).toEqual(drug.targets[0]!.citations);
    const sources = await client.readResource({ uri: 'drugfacts://sources' });
    expect((sources.contents[0] as { text: string }).text).toContain('"licence": "CC BY-SA 4.0"');
    const { meta } = await h().graphql<{ meta: { sources: unknown[] } }>(
      '{ meta { sources { id title url licence kind citeAs asOf attribution } } }',
    );
    const listed = JSON.parse((sources.contents[0] as { text: string }).text) as {
      sources: { id: string; kind: string; attribution: string | null }[];
    };
    expect(listed.sources).toEqual(meta.sources);
    expect(listed.sources.find((s) => s.id === 'source:wikipedia-baclofen')?.kind).toBe('ARTICLE');
    expect(listed.sources.find((s) => s.id === 'source:drugcentral')).toMatchObject({
      kind: 'DATASET',
      attribution: expect.stringContaining('CC BY 4.0'),
    });
    const schema = await client.readResource({ uri: 'drugfacts://schema' });
    expect((schema.contents[0] as { text: string }).text).toContain('type Query');
    await expect(client.readResource({ uri: 'drugfacts://entity/drug:aspirin' })).rejects.toThrow(/not in the graph/);
    const prompt = await client.getPrompt({ name: 'explain_drug_evidence', arguments: { drug: 'baclofen' } });
    expect((prompt.messages[0]!.content as { text: string }).text).toContain('get_entity');
  });

  it('refuses bad input with a message saying what to do, and keeps answering', async () => {
    const { client } = h();
    expect(await refusal(client, 'no_such_tool', {})).toMatch(/Tool no_such_tool not found/);
    expect(await refusal(client, 'find_paths', { from: 'drug:baclofen', to: 42 })).toMatch(
      /Input validation error.*expected string/s,
    );
    expect(await refusal(client, 'search_entities', { query: 'x'.repeat(201) })).toMatch(/Input validation error/);
    expect(await refusal(client, 'get_entity', { entity: 'aspirin' })).toMatch(
      /^NOT_IN_GRAPH: "aspirin" is not in the graph \(data version \w+\).*search_entities/,
    );
    expect(await refusal(client, 'get_statement', { id: 'fact:0000000000000000' })).toMatch(/^NOT_IN_GRAPH/);
    expect(await refusal(client, 'search_entities', { query: 'zzzqqqxxx' })).toMatch(/^NOT_IN_GRAPH/);
    expect(await refusal(client, 'find_statements', { subject: 'drug:baclofen', cursor: 'bm9wZQ' })).toMatch(
      /^BAD_CURSOR/,
    );
    expect(await refusal(client, 'graphql', { query: '{ drug(' })).toMatch(/GRAPHQL_PARSE_FAILED.*Syntax Error/);
    expect(await refusal(client, 'graphql', { query: 'mutation { x }' })).toMatch(/mutation/);
    // Over the cost limit: refused by the API's cost model before anything runs.
    const neighbourhoods = Array.from(
      { length: 3 },
      (_, i) => `n${i}: neighbourhood(id: "drug:baclofen", depth: 3) { nodes { id } edges { ${CITES_WHOLE} } }`,
    ).join(' ');
    expect(await refusal(client, 'graphql', { query: `{ ${neighbourhoods} }` })).toMatch(
      /^QUERY_TOO_COSTLY: .*could return up to \d+ values, over the limit of 100000/,
    );
    expect(await refusal(client, 'find_paths', { from: 'baclofen', to: 'GHB', maxHops: 5, first: 20 })).toMatch(
      /^QUERY_TOO_COSTLY: .*maxHops/,
    );
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(TOOL_NAMES.length);
    await answer(client, 'search_entities', { query: 'baclofn', first: 1 });
  });
}
