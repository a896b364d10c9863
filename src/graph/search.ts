/**
 * Search
 *
 * Full-text search over names, synonyms and brand names through Neo4j's Lucene index. The
 * user's text never reaches Lucene's syntax: it is cut into plain word tokens, and each token
 * is asked for exactly, as a prefix and fuzzily, so a typo still finds its word and an exact
 * word ranks first. Fuzziness grows with the word: none below 3 letters, one edit up to 7, two
 * from 8. Two edits cost Lucene a much larger automaton (about 2 ms more per query, measured),
 * and in a word of 7 letters or fewer two typos are rare and often make another word.
 */
import { int } from 'neo4j-driver';
import { normalizeName } from '../model/normalizeName.js';
import type { SourceIndex } from '../model/citations.js';
import type { StoredEntity } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';
import { compact } from './compactCypher.js';
import { entityProjection } from './projections.js';
import { sourcesOfRows, VERSION_OF_GRAPH } from './sources.js';

/** What the re-ranking reads beside the entity: its names. */
const RANKING_TEXTS = ['synonyms', 'brandNames'] as const;

export const MAX_QUERY_LENGTH = 200;
export const MAX_HITS = 50;

/**
 * The whole entity, or (brief) only what the ranking and a brief entity read: id, kind, name,
 * date, synonyms and brand names; and the data version, whose sources its citation cites.
 */
const SEARCH = (brief: boolean) =>
  compact(`
${VERSION_OF_GRAPH}
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH version, node, score ORDER BY score DESC, node.name LIMIT $first
RETURN version, ${entityProjection('node', brief ? 'brief' : 'full', RANKING_TEXTS)} AS entity, score`);
const STATEMENTS = { brief: SEARCH(true), full: SEARCH(false) };

/** Lucene's query syntax from plain tokens: letters and digits only, so nothing can be injected. */
export function toLuceneQuery(text: string): string | null {
  const tokens = normalizeName(text)
    .split(' ')
    .filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  if (tokens.length === 0) return null;
  return tokens
    .map((t) => `(${t}^4 OR ${t}*^2${t.length < 3 ? '' : t.length <= 7 ? ` OR ${t}~1` : ` OR ${t}~2`})`)
    .join(' ');
}

export interface SearchRow {
  /** The sources of the data version the hit was read from. */
  sources: SourceIndex;
  entity: StoredEntity;
  score: number;
}

/** Lucene candidates considered for re-ranking, per hit asked for. */
const CANDIDATES_PER_HIT = 5;

export async function searchEntities(
  database: Reader,
  text: string,
  kinds: string[] | null,
  first: number,
  brief = false,
) {
  const lucene = toLuceneQuery(text);
  if (!lucene) return [];
  const rows = await database.read<Omit<SearchRow, 'sources'> & { version: string | null }>({
    name: 'search',
    cypher: brief ? STATEMENTS.brief : STATEMENTS.full,
    params: { lucene, kinds, first: int(first * CANDIDATES_PER_HIT) },
  });
  const sources = await sourcesOfRows(database, rows);
  return rank(
    rows.map(({ entity, score }) => ({ entity, score, sources })),
    text,
    first,
  );
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * Which of an entity's names the query text is closest to, in which field it is, and how
 * close (1 = identical after normalising, 0 = nothing alike).
 */
export function bestMatch(entity: StoredEntity, text: string): { field: string; text: string; similarity: number } {
  const query = normalizeName(text);
  const candidates = [
    { field: 'name', text: String(entity.name) },
    ...((entity.synonyms as string[] | undefined) ?? []).map((s) => ({ field: 'synonym', text: s })),
    ...String(entity.brandNames ?? '')
      .split(' | ')
      .filter(Boolean)
      .map((b) => ({ field: 'brand', text: b })),
  ];
  const similarity = (candidate: string) => {
    const key = normalizeName(candidate);
    return 1 - editDistance(query, key) / Math.max(query.length, key.length, 1);
  };
  const scored = candidates.map((c) => ({ ...c, similarity: similarity(c.text) }));
  return scored.reduce((best, c) => (c.similarity > best.similarity ? c : best));
}

export interface RankedHit extends SearchRow {
  match: { field: string; text: string };
}

/**
 * Lucene ranks a long name that contains the word above the short name that is the word
 * ("baclofen withdrawal syndrome" above "baclofen"); weighting its score by how close the
 * whole best-matching name is to the query puts the entity the user named first.
 */
export function rank(rows: SearchRow[], text: string, first: number): RankedHit[] {
  return rows
    .map((row) => {
      const match = bestMatch(row.entity, text);
      return { ...row, score: row.score * (0.1 + match.similarity) ** 2, match };
    })
    .sort((a, b) => b.score - a.score || String(a.entity.name).localeCompare(String(b.entity.name)))
    .slice(0, first);
}
