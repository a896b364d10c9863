/**
 * Facts resolver
 *
 * `facts`: the graph as cited facts, in exactly the shape of the bulk export (the same reader
 * builds both), paged as a Relay connection. Cursors are opaque positions in the export order.
 */
import { queryFacts, type ExportedFact } from '../../seed/exportGraph.js';
import { indexSources, sectionUrl, type SourceIndex, type SourceRow } from '../graph/citations.js';
import type { Context } from './context.js';
import { badInput } from './lookupResolvers.js';
import type { Resolvers } from './generated/resolvers.js';

/** Largest page `facts` returns. */
export const MAX_FACTS_PAGE = 100;

const encodeCursor = (position: number) => Buffer.from(`fact:${position}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^fact:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('after is not a cursor this API issued');
  return Number(match[1]);
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
      const start = args.after ? decodeCursor(args.after) + 1 : 0;
      const { facts, sources } = await queryFacts(context.database, {
        subject: args.subject,
        predicate: args.predicate,
      });
      const index = indexSources(sources);
      const page = facts.slice(start, start + args.first);
      return {
        totalCount: facts.length,
        edges: page.map((fact, i) => ({
          cursor: encodeCursor(start + i),
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
          hasNextPage: start + args.first < facts.length,
          endCursor: page.length > 0 ? encodeCursor(start + page.length - 1) : null,
        },
      };
    },
  },
};
