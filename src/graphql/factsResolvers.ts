/**
 * Facts resolver
 *
 * `facts`: the graph as cited facts, in exactly the shape of the bulk export (the same reader
 * builds both), paged as a Relay connection (src/graph/factPages.ts). Cursors are opaque
 * positions in the export order; the total is counted only when asked for.
 */
import { countFacts, factPage, type FactPosition } from '../graph/factPages.js';
import { fromFactCitation, indexSources, toQualifiers, type SourceIndex } from '../model/citations.js';
import type { ExportedFact } from '../graph/facts.js';
import { statementPath } from '../model/resourceUrls.js';
import { badInput, inRange, oneOf } from './arguments.js';
import { PREDICATES } from '../model/predicates.js';
import { ATTRIBUTES, ENTITY_FACTS, IDENTIFIER_NAMESPACES } from '../model/vocabulary.js';
import type { Context } from './context.js';
import type { Resolvers } from './generated/resolvers.js';
import type { FactConnectionValue } from './values.js';

/** Every predicate a fact can have: relationship types, attributes, identifiers and an entity's own. */
export const FACT_PREDICATES: readonly string[] = [
  ...Object.keys(PREDICATES),
  ...ATTRIBUTES,
  ...IDENTIFIER_NAMESPACES.map((ns) => `identifier:${ns}`),
  ...ENTITY_FACTS,
];

/** Largest page `facts` returns. */
export const MAX_FACTS_PAGE = 100;

const encodeCursor = (p: FactPosition) => Buffer.from(`fact:${p.index}:${p.subject}`).toString('base64url');

function decodeCursor(cursor: string): FactPosition {
  const match = /^fact:(\d+):(.+)$/s.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('after is not a cursor this API issued');
  return { index: Number(match[1]), subject: match[2]! };
}

/** The API's Fact of an exported statement: the same wherever it is reached (facts, node, statement). */
export function factValue(fact: ExportedFact, sources: SourceIndex) {
  return {
    id: fact.id,
    subject: fact.subject,
    predicate: fact.predicate,
    object: fact.object ?? null,
    value: fact.value === undefined ? null : JSON.stringify(fact.value),
    low: fact.low ?? null,
    high: fact.high ?? null,
    unit: fact.unit ?? null,
    qualifiers: toQualifiers(fact.qualifiers),
    citation: fromFactCitation(fact, sources),
    citations: fact.citations.map((citation) => fromFactCitation({ ...fact, citation }, sources)),
    url: statementPath(fact.id),
  };
}

export const factsResolvers: Resolvers = {
  Query: {
    facts: async (
      _: unknown,
      args: { subject?: string | null; predicate?: string | null; first: number; after?: string | null },
      context: Context,
    ) => {
      const first = inRange('first', args.first, 1, MAX_FACTS_PAGE);
      const predicate = args.predicate == null ? null : oneOf('predicate', args.predicate, FACT_PREDICATES);
      const filter = { subject: args.subject, predicate };
      const after = args.after ? decodeCursor(args.after) : null;
      return { filter, page: await factPage(context.database, filter, first, after) };
    },
  },
  FactConnection: {
    edges: ({ page }: FactConnectionValue) => {
      const sources = indexSources(page.sources);
      return page.facts.map(({ fact, position }) => ({
        cursor: encodeCursor(position),
        node: factValue(fact, sources),
      }));
    },
    pageInfo: ({ page }: FactConnectionValue) => ({
      hasNextPage: page.hasNextPage,
      endCursor: page.facts.length > 0 ? encodeCursor(page.facts[page.facts.length - 1]!.position) : null,
    }),
    totalCount: (connection: FactConnectionValue, _: unknown, context: Context) =>
      countFacts(context.database, connection.filter),
  },
};
