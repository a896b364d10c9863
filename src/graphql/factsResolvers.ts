/**
 * Facts resolver
 *
 * `facts`: the graph as cited facts, in exactly the shape of the bulk export (the same reader
 * builds both), paged as a Relay connection (src/graph/factPages.ts). Cursors are opaque
 * positions in the export order; the total is counted only when asked for.
 */
import type { ExportedFact, FactFilter } from '../graph/facts.js';
import { countFacts, factPage, type FactPosition } from '../graph/factPages.js';
import { indexSources, sectionUrl, type SourceIndex, type SourceRow } from '../graph/citations.js';
import type { Context } from './context.js';
import { badInput } from './lookupResolvers.js';
import type { FactConnection, Resolvers } from './generated/resolvers.js';

/** What `facts` returns: the page, and the filter its total is counted with when asked for. */
export type FactConnectionValue = Omit<FactConnection, 'totalCount'> & { filter: FactFilter };

/** Largest page `facts` returns. */
export const MAX_FACTS_PAGE = 100;

const encodeCursor = (p: FactPosition) => Buffer.from(`fact:${p.index}:${p.subject}`).toString('base64url');

function decodeCursor(cursor: string): FactPosition {
  const match = /^fact:(\d+):(.+)$/s.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('after is not a cursor this API issued');
  return { index: Number(match[1]), subject: match[2]! };
}

function citationOf(fact: ExportedFact, sources: SourceIndex) {
  const source = sources.get(fact.citation.source) as SourceRow;
  if ('url' in fact.citation) {
    return {
      source,
      section: null,
      paragraph: null,
      sentence: null,
      url: fact.citation.url,
      statement: `${fact.subject} has ${fact.predicate.replace('identifier:', '')} ${String(fact.value)} in ${source.title}.`,
      hedge: null,
    };
  }
  const c = fact.citation;
  return { ...c, source, url: sectionUrl(source, c.section), hedge: c.hedge ?? null };
}

export const factsResolvers: Resolvers = {
  Query: {
    facts: async (
      _: unknown,
      args: { subject?: string | null; predicate?: string | null; first: number; after?: string | null },
      context: Context,
    ) => {
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_FACTS_PAGE) {
        throw badInput(`first must be between 1 and ${MAX_FACTS_PAGE}; got ${args.first}`);
      }
      const filter = { subject: args.subject, predicate: args.predicate };
      const after = args.after ? decodeCursor(args.after) : null;
      const page = await factPage(context.database, filter, args.first, after);
      const index = indexSources(page.sources);
      return {
        filter,
        edges: page.facts.map(({ fact, position }) => ({
          cursor: encodeCursor(position),
          node: {
            subject: fact.subject,
            predicate: fact.predicate,
            object: fact.object ?? null,
            value: fact.value === undefined ? null : JSON.stringify(fact.value),
            low: fact.low ?? null,
            high: fact.high ?? null,
            unit: fact.unit ?? null,
            qualifiers: Object.entries(fact.qualifiers).map(([key, value]) => ({
              key,
              value: Array.isArray(value) ? value.join(', ') : String(value),
            })),
            citation: citationOf(fact, index),
          },
        })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.facts.length > 0 ? encodeCursor(page.facts[page.facts.length - 1]!.position) : null,
        },
      };
    },
  },
  FactConnection: {
    totalCount: (connection: FactConnectionValue, _: unknown, context: Context) =>
      countFacts(context.database, connection.filter),
  },
};
