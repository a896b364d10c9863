/**
 * get_statement
 *
 * One statement by id with every piece of evidence: each sentence's verbatim locator (section,
 * paragraph, sentence) or each dataset record's (file, line, key, and the record's fields), the
 * fact in the project's words, hedge, reading, what the sentence adds, and the source's kind,
 * URL and licence. The API has no lookup by statement id, so the statement is found in its
 * `facts` connection: the ids of the facts are paged through (cheaply: ids and cursors only;
 * only the subject's facts when it is given) until the id is found, and then the one fact after
 * the cursor before it is read whole. The same function reads the `drugfacts://statement/{id}`
 * resource.
 */
import { z } from 'zod';
import { MAX_FACTS_PAGE } from '../../graphql/factsResolvers.js';
import { CITATION_FRAGMENT } from '../citations.js';
import type { GraphReader } from '../graphReader.js';
import { resolveEntity } from '../resolveEntity.js';
import { counted, EntityRefShape, FACT_FIELDS, FactShape, renderFact, type EntityRef, type Fact } from '../shapes.js';
import { defineTool } from '../tool.js';
import { notInGraph, ToolError } from '../toolError.js';

const FACT_IDS = `
query McpStatementIds($subject: ID, $after: String) {
  facts(subject: $subject, first: ${MAX_FACTS_PAGE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id subject object } }
  }
}`;

const ONE_FACT = `
query McpStatement($subject: ID, $after: String, $subjectId: ID!, $objectId: ID!, $hasObject: Boolean!) {
  facts(subject: $subject, first: 1, after: $after) { edges { node { ${FACT_FIELDS} } } }
  subjectEntity: entity(id: $subjectId) { id kind name }
  objectEntity: entity(id: $objectId) @include(if: $hasObject) { id kind name }
}
${CITATION_FRAGMENT}`;

interface IdsPage {
  facts: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; subject: string; object: string | null } }[];
  };
}

export interface FoundStatement {
  statement: Fact;
  subject: EntityRef;
  object: EntityRef | null;
}

/** The statement with this id (or its view from the object, `<id>/incoming`), or NOT_IN_GRAPH. */
export async function findStatement(reader: GraphReader, id: string, subjectHint?: string): Promise<FoundStatement> {
  const statementId = id.replace(/\/incoming$/, '');
  const subject = subjectHint === undefined ? null : (await resolveEntity(reader, subjectHint)).id;
  let before: string | null = null;
  let after: string | null = null;
  for (;;) {
    const { facts }: IdsPage = await reader.read<IdsPage>(FACT_IDS, { subject, after });
    const at = facts.edges.findIndex((edge) => edge.node.id === statementId);
    if (at >= 0) {
      const found = facts.edges[at]!.node;
      const previous = at > 0 ? facts.edges[at - 1]!.cursor : before;
      return readStatement(reader, { subject, after: previous, found });
    }
    if (!facts.pageInfo.hasNextPage) break;
    before = after = facts.pageInfo.endCursor;
  }
  throw notInGraph(
    `The statement "${id}"${subject ? ` about ${subject}` : ''}`,
    reader.knownVersion,
    'Statement ids (fact:..., literal:...) come from the results of get_entity, find_statements and find_paths.',
  );
}

async function readStatement(
  reader: GraphReader,
  at: { subject: string | null; after: string | null; found: { id: string; subject: string; object: string | null } },
): Promise<FoundStatement> {
  const answer = await reader.read<{
    facts: { edges: { node: Fact }[] };
    subjectEntity: EntityRef;
    objectEntity?: EntityRef | null;
  }>(ONE_FACT, {
    subject: at.subject,
    after: at.after,
    subjectId: at.found.subject,
    objectId: at.found.object ?? '',
    hasObject: at.found.object !== null,
  });
  const statement = answer.facts.edges[0]?.node;
  if (statement?.id !== at.found.id) {
    throw new ToolError('DATA_CHANGED', 'The graph changed while the statement was being read; call the tool again.');
  }
  return { statement, subject: answer.subjectEntity, object: answer.objectEntity ?? null };
}

export function renderStatement(found: FoundStatement): string {
  const names = `${found.subject.name} (${found.subject.id})${found.object ? ` -> ${found.object.name} (${found.object.id})` : ''}`;
  const { citations } = found.statement;
  // An article's evidence is its sentences; a dataset's or a registry's is a record.
  const noun = citations.every((c) => c.section !== null) ? 'sentence' : 'citation';
  return `${names}, stated by ${counted(citations.length, noun)}:\n${renderFact(found.statement)}`;
}

export const getStatement = defineTool({
  name: 'get_statement',
  title: 'Get a statement',
  description:
    'One statement by id (fact:... or literal:..., as the other tools return them) with every piece of evidence: ' +
    "each article sentence's section, paragraph and sentence number, or each dataset record's file, line, key and " +
    "fields; the fact in the project's words, its hedge, whether the source says it (DIRECT) or implies it " +
    '(INFERENCE), and the source, its kind, URL and licence. Use it to quote exactly what a claim rests on.',
  input: {
    id: z.string().min(1).max(200).describe('Statement id, e.g. fact:43e6534ab5c3f59b'),
    subject: z.string().min(1).max(200).optional().describe("The statement's subject id, if known: finds it faster"),
  },
  output: {
    statement: FactShape,
    subject: EntityRefShape,
    object: EntityRefShape.nullable().describe('The object entity; null for a literal fact'),
  },
  async run(args, reader) {
    const found = await findStatement(reader, args.id, args.subject);
    return { result: found, text: renderStatement(found) };
  },
});
