/**
 * Statements and citations by id
 *
 * Finds what an id the API handed out names, when it is a statement or a piece of evidence: a
 * relationship's fact id, a literal's id, an identifier's key (`identifier:NS:VALUE`), an
 * entity's own fact (`<entity>#name`, `#kind`, `#synonym:...`, `#date`, `#endYear`), or a
 * citation's id, or a reviewed disagreement's. One read finds the subjects holding those ids (relationships through their
 * type's factId index, literals and identifiers through their unique keys, citations by one
 * scan of the stored evidence for all the ids asked); a second reads those subjects' facts exactly as the export does, so a
 * statement found here is the export's statement, every piece of evidence included.
 */
import type { FactCitation } from '../model/citations.js';
import { PREDICATES } from '../model/predicates.js';
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';
import { queryFacts, type ExportedFact } from './facts.js';

/** The subject of each statement id; one branch per relationship type, so each uses its index. */
const STATEMENT_SUBJECTS = `
UNWIND $ids AS id
CALL (id) {
${Object.keys(PREDICATES)
  .map((type) => `  MATCH (a:Entity)-[r:${type}]->(:Entity) WHERE r.factId = id RETURN a.id AS subject`)
  .join('\n  UNION\n')}
  UNION
  MATCH (a:Entity)-[:HAS_LITERAL]->(:Literal {id: id}) RETURN a.id AS subject
  UNION
  MATCH (a:Entity)-[:HAS_IDENTIFIER]->(i:Identifier) WHERE id STARTS WITH 'identifier:' AND i.key = substring(id, 11)
  RETURN a.id AS subject
  UNION
  MATCH (a:Entity) WHERE id CONTAINS '#' AND a.id = split(id, '#')[0] RETURN a.id AS subject
}
RETURN DISTINCT subject`;

/** The subjects whose statements carry one of the citation ids, first or in their evidence list: one pass for all. */
const CITATION_SUBJECTS = `
WITH [id IN $ids | '"' + id + '"'] AS quoted
CALL (quoted) {
  MATCH (a:Entity)-[r]->(:Entity)
  WHERE r.citeId IN $ids OR any(q IN quoted WHERE r.citeEvidence CONTAINS q)
  RETURN a.id AS subject
  UNION
  MATCH (a:Entity)-[:HAS_LITERAL]->(l:Literal)
  WHERE l.citeId IN $ids OR any(q IN quoted WHERE l.citeEvidence CONTAINS q)
  RETURN a.id AS subject
  UNION
  MATCH (a:Entity) WHERE a.citeId IN $ids OR any(q IN quoted WHERE a.aliasesJson CONTAINS q) RETURN a.id AS subject
}
RETURN DISTINCT subject`;

/** Ids of the objects a read found, with the sources their citations name. */
export interface Found<T> {
  byId: Map<string, T>;
  sources: StoredSource[];
}

async function factsOfSubjects(database: Reader, name: string, cypher: string, ids: readonly string[]) {
  const rows = await database.read<{ subject: string }>({ name, cypher, params: { ids: [...new Set(ids)] } });
  if (rows.length === 0) return { facts: [], sources: [] };
  return queryFacts(database, { subjects: rows.map((r) => r.subject) });
}

/** The statements named by `ids` (statement ids, never views), with every piece of evidence. */
export async function statementsById(database: Reader, ids: readonly string[]): Promise<Found<ExportedFact>> {
  if (ids.length === 0) return { byId: new Map(), sources: [] };
  const { facts, sources } = await factsOfSubjects(database, 'statements by id', STATEMENT_SUBJECTS, ids);
  const wanted = new Set(ids);
  return { byId: new Map(facts.filter((f) => wanted.has(f.id)).map((f) => [f.id, f])), sources };
}

/** A piece of evidence with the statement it belongs to. */
export interface FoundCitation {
  citation: FactCitation;
  fact: ExportedFact;
}

/** The citations named by `ids` (`cite:` ids), each with its statement. */
export async function citationsById(database: Reader, ids: readonly string[]): Promise<Found<FoundCitation>> {
  if (ids.length === 0) return { byId: new Map(), sources: [] };
  const { facts, sources } = await factsOfSubjects(database, 'citations by id', CITATION_SUBJECTS, ids);
  const wanted = new Set(ids);
  const byId = new Map<string, FoundCitation>();
  for (const fact of facts)
    for (const citation of fact.citations)
      if ('id' in citation && citation.id && wanted.has(citation.id) && !byId.has(citation.id))
        byId.set(citation.id, { citation, fact });
  return { byId, sources };
}

/** The entities whose reviewed disagreements include one of the ids (`disagreement:` ids). */
export async function disagreementOwners(database: Reader, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await database.read<{ id: string }>({
    name: 'disagreements by id',
    cypher: `MATCH (e:Entity) WHERE e.disagreementsJson IS NOT NULL
      AND any(id IN $ids WHERE e.disagreementsJson CONTAINS '"' + id + '"') RETURN e.id AS id`,
    params: { ids: [...new Set(ids)] },
  });
  return rows.map((r) => r.id);
}
