/**
 * Errors and request logs
 *
 * Every executed operation leaves one structured log line: request id, operation name (cut to
 * 100 characters), duration, time spent in Neo4j and round trips. Errors reach clients in three
 * kinds only: errors the user can act on (they carry a code: BAD_USER_INPUT, ...), typed
 * database errors (SERVICE_UNAVAILABLE, QUERY_TIMEOUT, NO_DATA) with advice, and everything else
 * masked as INTERNAL_SERVER_ERROR with the request id, whose whole error goes to the log under
 * that id. While Neo4j is unreachable, failed requests are counted by the outage log instead of
 * logged one by one.
 */
import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../graphql/context.js';
import { DatabaseError } from '../neo4j/errors.js';
import type { OutageLog } from './outageLog.js';

/** Duck-typed: graphql may be loaded twice (ESM and CJS builds), which defeats instanceof. */
const codeOf = (error: unknown) => (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;

const ADVICE = {
  SERVICE_UNAVAILABLE: 'the database is unavailable; retry shortly',
  QUERY_TIMEOUT: 'the query took too long and was stopped; ask for less (a smaller first, maxHops or depth)',
  NO_DATA: 'the graph has no data loaded: run `npm run seed`',
} as const;

export function toClientError(error: GraphQLError, requestId: string, logger: Logger): GraphQLError {
  const original = error.originalError;
  // Errors raised on purpose carry a code; graphql-js's own (syntax, validation, variable
  // coercion) are GraphQLErrors: both are safe and useful to clients as they are.
  if (!original || codeOf(original) || original.name === 'GraphQLError') return error;
  if (original instanceof DatabaseError && original.code !== 'DATABASE_ERROR') {
    // The driver's stack says nothing here; an outage is logged by the outage log.
    if (original.code === 'QUERY_TIMEOUT') {
      logger.warn({ requestId, code: original.code, reason: original.message }, 'database error');
    }
    return new GraphQLError(ADVICE[original.code], {
      path: error.path,
      extensions: { code: original.code, requestId },
    });
  }
  logger.error({ requestId, err: original, path: error.path }, 'unexpected error');
  return new GraphQLError(`Unexpected error; quote request id ${requestId} when reporting it`, {
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  });
}

/** Longest operation name logged; GraphQL names are plain words, but of any length. */
const MAX_LOGGED_NAME = 100;

function loggedName(name: string | undefined): string | null {
  if (name === undefined) return null;
  return name.length <= MAX_LOGGED_NAME ? name : `${name.slice(0, MAX_LOGGED_NAME)}... (${name.length} characters)`;
}

const databaseCode = (error: GraphQLError) =>
  error.originalError instanceof DatabaseError ? error.originalError.code : undefined;

const unreachable = (error: GraphQLError) => databaseCode(error) === 'SERVICE_UNAVAILABLE';

/** Whether the database answered: something was read, and nothing failed to reach or in it. */
function answered(errors: readonly GraphQLError[] | undefined, roundTrips: number): boolean {
  if (roundTrips === 0) return false;
  return !errors?.some(
    (e) =>
      codeOf(e) === 'SERVICE_UNAVAILABLE' ||
      databaseCode(e) === 'SERVICE_UNAVAILABLE' ||
      databaseCode(e) === 'DATABASE_ERROR',
  );
}

export function useErrorsAndLogs(logger: Logger, outages: OutageLog): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const context = args.contextValue as Context;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) && !('data' in result)) return;
          const failure = result.errors?.find(unreachable);
          const refused = result.errors?.some((e) => codeOf(e) === 'SERVICE_UNAVAILABLE');
          if (failure || refused) outages.failed(context.requestId, failure?.originalError ?? null);
          else if (answered(result.errors, context.stats.roundTrips)) outages.answered();
          const errors = result.errors?.map((e) => toClientError(e, context.requestId, logger));
          if (errors) setResult({ ...result, errors });
          // Counted by the outage log instead, while it lasts.
          logger[outages.down && (failure || refused) ? 'debug' : 'info'](
            {
              requestId: context.requestId,
              operationName: loggedName(getOperationAST(args.document, args.operationName)?.name?.value),
              durationMs: Math.round(performance.now() - started),
              dbTimeMs: Math.round(context.stats.dbTimeMs),
              roundTrips: context.stats.roundTrips,
              errors: errors?.map((e) => e.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED') ?? [],
            },
            'graphql',
          );
        },
      };
    },
  };
}
