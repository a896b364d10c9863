/**
 * Pages of facts
 *
 * The `facts` connection reads only what a page needs, however large the graph. Facts are in
 * export order, subject first, so a page is the facts of the next few subjects (walked in id
 * order through the Entity.id index, skipping subjects without the asked predicate) from the
 * position after the cursor. A cursor is that position: a subject and an index among its facts.
 * The total is a separate count, run only when asked for.
 */
import { int } from 'neo4j-driver';
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';
import { queryFacts, type ExportedFact, type FactFilter } from './facts.js';

/** Where a fact sits: its subject, and its index among that subject's facts (filtered). */
export interface FactPosition {
  subject: string;
  index: number;
}

export interface FactPage {
  facts: { fact: ExportedFact; position: FactPosition }[];
  hasNextPage: boolean;
  sources: StoredSource[];
}

/** The next subjects in id order from `from` (inclusive) that have a fact with the predicate. */
const NEXT_SUBJECTS = `
MATCH (e:Entity) WHERE e.id >= $from
  AND ($predicate IS NULL
    OR $predicate IN ['name', 'kind']
    OR ($predicate = 'synonym' AND size(coalesce(e.synonyms, [])) > 0)
    OR ($predicate = 'date' AND e.year IS NOT NULL)
    OR ($predicate = 'endYear' AND e.year IS NOT NULL AND e.endYear IS NOT NULL)
    OR EXISTS { MATCH (e)-[r]->(:Entity) WHERE type(r) = $predicate }
    OR EXISTS { MATCH (e)-[:HAS_LITERAL]->(l:Literal) WHERE l.attribute = $predicate }
    OR EXISTS { MATCH (e)-[:HAS_IDENTIFIER]->(i:Identifier) WHERE 'identifier:' + i.namespace = $predicate })
RETURN e.id AS id ORDER BY id LIMIT $limit`;

const COUNT_FACTS = `
CALL () { MATCH (e:Entity) WHERE $subject IS NULL OR e.id = $subject RETURN e }
CALL (e) {
  OPTIONAL MATCH (e)-[r]->(:Entity) WHERE $predicate IS NULL OR type(r) = $predicate
  RETURN count(r) AS relations
}
CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_LITERAL]->(l:Literal) WHERE $predicate IS NULL OR l.attribute = $predicate
  RETURN count(l) AS literals
}
CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_IDENTIFIER]->(i:Identifier) WHERE $predicate IS NULL OR 'identifier:' + i.namespace = $predicate
  RETURN count(i) AS identifiers
}
// An event's own date facts (facts.ts): a date when it has a year, and an endYear beside it.
WITH e, relations, literals, identifiers,
  CASE WHEN e.year IS NULL THEN 0 WHEN e.endYear IS NULL THEN 1 ELSE 2 END AS dates
RETURN sum(relations + literals + identifiers + CASE
  WHEN $predicate IS NULL THEN 2 + size(coalesce(e.synonyms, [])) + dates
  WHEN $predicate IN ['name', 'kind'] THEN 1
  WHEN $predicate = 'synonym' THEN size(coalesce(e.synonyms, []))
  WHEN $predicate = 'date' THEN CASE WHEN dates > 0 THEN 1 ELSE 0 END
  WHEN $predicate = 'endYear' THEN CASE WHEN dates > 1 THEN 1 ELSE 0 END
  ELSE 0 END) AS n`;

/** How many facts match the filter. */
export async function countFacts(database: Reader, filter: FactFilter): Promise<number> {
  const [row] = await database.read<{ n: number }>({
    name: 'count facts',
    cypher: COUNT_FACTS,
    params: { subject: filter.subject ?? null, predicate: filter.predicate ?? null },
  });
  return row?.n ?? 0;
}

/** Up to `limit` subjects from `from` on: the filter's one subject, or the next ones in id order. */
async function nextSubjects(database: Reader, filter: FactFilter, from: string, limit: number): Promise<string[]> {
  if (filter.subject) return from === filter.subject ? [filter.subject] : [];
  const rows = await database.read<{ id: string }>({
    name: 'facts: next subjects',
    cypher: NEXT_SUBJECTS,
    params: { from, predicate: filter.predicate ?? null, limit: int(limit) },
  });
  return rows.map((r) => r.id);
}

/** Up to `first` facts after `after` (from the start when null), in export order. */
export async function factPage(
  database: Reader,
  filter: FactFilter,
  first: number,
  after: FactPosition | null,
): Promise<FactPage> {
  const found: FactPage['facts'] = [];
  let sources: StoredSource[] = [];
  let from = after?.subject ?? filter.subject ?? '';
  for (;;) {
    const subjects = await nextSubjects(database, filter, from, first + 1);
    if (subjects.length === 0) break;
    const result = await queryFacts(database, { subjects, predicate: filter.predicate });
    sources = result.sources;
    const indexOf = new Map<string, number>();
    for (const fact of result.facts) {
      const index = indexOf.get(fact.subject) ?? 0;
      indexOf.set(fact.subject, index + 1);
      if (after && fact.subject === after.subject && index <= after.index) continue;
      found.push({ fact, position: { subject: fact.subject, index } });
    }
    if (found.length > first || filter.subject || subjects.length <= first) break;
    // The smallest id after the last one read ("\0" never occurs in an id).
    from = `${subjects[subjects.length - 1]}\0`;
  }
  return { facts: found.slice(0, first), hasNextPage: found.length > first, sources };
}
