/**
 * Tool errors
 *
 * What a tool call can fail with, each worded so that a model knows what to do next. The SDK
 * turns a thrown error into a result with `isError: true` and this message, which the model
 * reads; the server carries on. Codes:
 * - NOT_IN_GRAPH: an entity or statement the graph does not hold (never answered by a guess);
 * - API codes (QUERY_TOO_COSTLY, RATE_LIMITED, SERVER_BUSY, BAD_USER_INPUT, ...): the GraphQL
 *   API refused the question, with its own message;
 * - DATA_CHANGED: a reseed switched the data version between two reads of one answer.
 */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An entity or statement that is not in the graph, with what to try instead. */
export function notInGraph(what: string, dataVersion: string | null, advice: string): ToolError {
  const version = dataVersion ? ` (data version ${dataVersion})` : '';
  return new ToolError(
    'NOT_IN_GRAPH',
    `${what} is not in the graph${version}. ${advice} Do not answer from other knowledge as if it came from this graph.`,
  );
}
