/**
 * find_statements
 *
 * Statements by subject, predicate, object and source, a page at a time, each with all of its
 * evidence, in the shape of the API's `facts` (the bulk export's). Subject and predicate are the
 * API's own `facts` filters, paged by its cursors. An object is read from the other end, as the
 * statements pointing at it (`entity(id:) { relations(direction: INCOMING) }`), read as facts
 * whose subject is the other entity. A source keeps the statements that have a sentence from it
 * (all their evidence kept); with it, up to three pages of the API's facts are read per call,
 * and the cursor goes on from the last one read. Cursors name the filters they were issued for.
 */
import { z } from 'zod';
import { MAX_FACTS_PAGE } from '../../graphql/factsResolvers.js';
import { CITATION_FRAGMENT } from '../citations.js';
import type { GraphReader } from '../graphReader.js';
import { resolveEntity } from '../resolveEntity.js';
import { counted, FACT_FIELDS, FactShape, RELATION_FIELDS, renderFact, type Fact, type Relation } from '../shapes.js';
import { defineTool } from '../tool.js';
import { notInGraph, ToolError } from '../toolError.js';

const FACTS = `
query McpFindStatements($subject: ID, $predicate: String, $first: Int, $after: String) {
  facts(subject: $subject, predicate: $predicate, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${FACT_FIELDS} } }
  }
}
${CITATION_FRAGMENT}`;

const POINTING_AT = `
query McpStatementsAbout($object: ID!, $types: [RelationType!]) {
  entity(id: $object) {
    relations(direction: INCOMING, types: $types) { ${RELATION_FIELDS} }
  }
}
${CITATION_FRAGMENT}`;

const SOURCES = 'query McpSources { meta { sources { id title } } }';

/** API pages read per call when a source filter may leave a page short. */
const MAX_SCANNED_PAGES = 3;

interface Filters {
  subject: string | null;
  predicate: string | null;
  object: string | null;
  source: string | null;
}

interface FactsPage {
  facts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Fact }[];
  };
}

/** Where the next page starts: the API's cursor, or an offset into the statements about an object. */
interface Position {
  after?: string;
  offset?: number;
}

const filterKey = (f: Filters) => JSON.stringify([f.subject, f.predicate, f.object, f.source]);

function encodeCursor(filters: Filters, position: Position): string {
  return Buffer.from(JSON.stringify({ ...position, filters: filterKey(filters) })).toString('base64url');
}

function decodeCursor(cursor: string, filters: Filters): Position {
  let decoded: Position & { filters?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as typeof decoded;
  } catch {
    decoded = {};
  }
  if (decoded.filters !== filterKey(filters) || (decoded.after === undefined && decoded.offset === undefined)) {
    throw new ToolError(
      'BAD_CURSOR',
      'cursor is not one this tool issued for these filters: pass the nextCursor of the previous call with the same subject, predicate, object and source, or none to start again.',
    );
  }
  return { after: decoded.after, offset: decoded.offset };
}

const citesSource = (source: string | null) => (fact: Fact) =>
  source === null || fact.citations.some((c) => c.source.id === source);

/** A statement pointing at `object`, as a fact of its subject. */
function asFact(relation: Relation, object: string): Fact {
  return {
    id: relation.statementId,
    subject: relation.node.id,
    predicate: relation.type,
    object,
    value: null,
    low: null,
    high: null,
    unit: null,
    qualifiers: relation.qualifiers,
    citations: relation.citations,
  };
}

interface Page {
  statements: Fact[];
  nextCursor: string | null;
  totalCount: number | null;
}

async function pointingAt(
  reader: GraphReader,
  filters: Filters & { object: string },
  first: number,
  offset: number,
): Promise<Page> {
  const { entity } = await reader.read<{ entity: { relations: Relation[] } }>(POINTING_AT, {
    object: filters.object,
    types: filters.predicate === null ? null : [filters.predicate],
  });
  const matching = entity.relations
    .map((r) => asFact(r, filters.object))
    .filter((f) => filters.subject === null || f.subject === filters.subject)
    .filter(citesSource(filters.source));
  const statements = matching.slice(offset, offset + first);
  const end = offset + statements.length;
  return {
    statements,
    nextCursor: end < matching.length ? encodeCursor(filters, { offset: end }) : null,
    totalCount: matching.length,
  };
}

async function factPages(reader: GraphReader, filters: Filters, first: number, after: string | null): Promise<Page> {
  const keep = citesSource(filters.source);
  // Without a source filter a page of the API is a page of the answer.
  const pageSize = filters.source === null ? first : MAX_FACTS_PAGE;
  const statements: Fact[] = [];
  let cursor = after;
  let totalCount: number | null = null;
  for (let pages = 0; pages < MAX_SCANNED_PAGES; pages++) {
    const { facts } = await reader.read<FactsPage>(FACTS, {
      subject: filters.subject,
      predicate: filters.predicate,
      first: pageSize,
      after: cursor,
    });
    if (filters.source === null) totalCount = facts.totalCount;
    for (const edge of facts.edges) {
      cursor = edge.cursor;
      if (!keep(edge.node)) continue;
      statements.push(edge.node);
      if (statements.length === first) {
        const last = edge === facts.edges[facts.edges.length - 1];
        const more = !last || facts.pageInfo.hasNextPage;
        return { statements, nextCursor: more ? encodeCursor(filters, { after: cursor }) : null, totalCount };
      }
    }
    if (!facts.pageInfo.hasNextPage) return { statements, nextCursor: null, totalCount };
  }
  return { statements, nextCursor: cursor === null ? null : encodeCursor(filters, { after: cursor }), totalCount };
}

async function checkSource(reader: GraphReader, source: string): Promise<void> {
  const { meta } = await reader.read<{ meta: { sources: { id: string; title: string }[] } }>(SOURCES);
  if (meta.sources.some((s) => s.id === source)) return;
  throw notInGraph(
    `The source "${source}"`,
    reader.knownVersion,
    `The graph's sources are ${meta.sources.map((s) => `${s.id} (${s.title})`).join(', ')}.`,
  );
}

export const findStatements = defineTool({
  name: 'find_statements',
  title: 'Find statements',
  description:
    'Cited statements (facts) filtered by subject, predicate, object and/or source, a page at a time, each with ' +
    'every sentence that states it. Predicates are relationship types (ACTS_ON, INDICATED_FOR, CAUSES, ...), ' +
    'literal attributes (halfLife, molecularWeight, ...), identifier:<REGISTRY>, or name, synonym, kind, date. ' +
    'Pass nextCursor back as cursor for the next page.',
  input: {
    subject: z.string().min(1).max(200).optional().describe('Subject entity id, or a drug name'),
    predicate: z.string().min(1).max(100).optional().describe('e.g. ACTS_ON, CAUSES, halfLife'),
    object: z.string().min(1).max(200).optional().describe('Object entity id, or a drug name'),
    source: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Only statements with evidence from this source id, e.g. source:wikipedia-baclofen or source:drugcentral',
      ),
    first: z.number().int().min(1).max(MAX_FACTS_PAGE).default(20).describe('Page size'),
    cursor: z.string().max(2_000).optional().describe('nextCursor of the previous page'),
  },
  output: {
    statements: z.array(FactShape),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
    totalCount: z
      .number()
      .int()
      .nullable()
      .describe('How many statements match in all (null when a source filter pages through the facts)'),
  },
  async run(args, reader) {
    const subject = args.subject === undefined ? null : (await resolveEntity(reader, args.subject)).id;
    const object = args.object === undefined ? null : (await resolveEntity(reader, args.object)).id;
    const filters: Filters = { subject, predicate: args.predicate ?? null, object, source: args.source ?? null };
    if (filters.source !== null) await checkSource(reader, filters.source);
    const position = args.cursor === undefined ? {} : decodeCursor(args.cursor, filters);
    const page =
      filters.object !== null
        ? await pointingAt(reader, { ...filters, object: filters.object }, args.first, position.offset ?? 0)
        : await factPages(reader, filters, args.first, position.after ?? null);
    const described = Object.entries(filters)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    const filtered = described ? ` with ${described}` : '';
    const head = page.statements.length
      ? `${counted(page.statements.length, 'statement')}${filtered}` +
        `${page.totalCount === null ? '' : ` (of ${page.totalCount})`}` +
        `${page.nextCursor ? '; more follow: pass nextCursor as cursor' : ''}:`
      : `No statement in the graph${filtered}${page.nextCursor ? ' in this page; more follow: pass nextCursor as cursor' : ''}.`;
    return { result: page, text: [head, ...page.statements.map(renderFact)].join('\n') };
  },
});
