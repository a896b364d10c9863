/**
 * graphql
 *
 * For what the other tools do not ask: a caller's own read-only GraphQL query, run by the API
 * exactly as if it came to /graphql (the same document limits, cost limit, expensive-work slot
 * and per-client cost rate). A refusal (a document that does not parse or validate, over the
 * cost limit, ...) is an error result with the API's code and message, which say what to
 * change. The schema is the `drugfacts://schema` resource.
 */
import { z } from 'zod';
import { describeErrors, refusal } from '../graphReader.js';
import { defineTool } from '../tool.js';

/** Longest query accepted; the API's token limit (MAX_TOKENS) usually speaks first. */
const MAX_QUERY_CHARACTERS = 20_000;

export const graphqlQuery = defineTool({
  name: 'graphql',
  title: 'GraphQL query',
  description:
    'Run a read-only GraphQL query against the drug facts API, for questions the other tools do not cover ' +
    '(e.g. drug(name:) { pharmacokinetics }, entityByIdentifier, meta { vocabularies }, neighbourhood). The schema is ' +
    'the drugfacts://schema resource. Select citations { id section paragraph sentence statement hedge reading url ' +
    'source { title licence kind } record { file line key } } on every fact you use, so your answer can cite it ' +
    '(an article sentence or a dataset record). Costly queries are refused with the cost and what to reduce.',
  input: {
    query: z.string().min(1).max(MAX_QUERY_CHARACTERS).describe('A GraphQL query document (no mutations exist)'),
    variables: z.record(z.string(), z.unknown()).optional().describe('Values of the variables'),
    operationName: z.string().max(200).optional().describe('Which operation to run, if the document has several'),
  },
  output: {
    data: z.record(z.string(), z.unknown()).nullable(),
    errors: z
      .array(z.object({ message: z.string(), code: z.string().nullable() }))
      .describe('Errors of a partial answer: fields that failed, with their codes'),
  },
  async run(args, reader) {
    const answer = await reader.answer(args.query, args.variables, args.operationName);
    if (!answer.data) throw refusal(answer);
    const errors = answer.errors.map((e) => ({ message: e.message, code: e.extensions?.code ?? null }));
    const text = JSON.stringify(answer.data);
    return {
      result: { data: answer.data, errors },
      text: errors.length ? `${text}\nSome fields failed: ${describeErrors(answer.errors)}` : text,
    };
  },
});
