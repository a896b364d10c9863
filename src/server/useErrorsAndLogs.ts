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
 *
 * Every error answer carries `extensions.code`, whichever phase raised it: an error that
 * reaches the answer without one (thrown before execution, outside any plugin that codes its
 * own) is BAD_REQUEST when graphql-js or yoga raised it about the request, and otherwise masked
 * and logged as above, with status 500; a client accepting no type yoga serves gets 406 with
 * NOT_ACCEPTABLE naming them, not yoga's empty 406. What clients cause is counted by the throttled log, not
 * logged per request: a refused request (an answer with no data whose errors all precede any
 * field: document limits, cost, SERVER_BUSY, parse, validation, variables, any 4xx the API
 * answers itself, such as 413 or 415) is counted under its code, and query timeouts under
 * theirs; each kind is logged at most once a minute with its count and total. Executed
 * operations keep their line each.
 */
import { getOperationAST, GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, processRegularResult, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../graphql/context.js';
import { DatabaseError } from '../neo4j/errors.js';
import type { OutageLog } from './outageLog.js';
import { ThrottledLog } from './throttledLog.js';
import { requestIdOf } from './useRequestId.js';

/** Duck-typed: graphql may be loaded twice (ESM and CJS builds), which defeats instanceof. */
const codeOf = (error: unknown) => (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;

/** What a client should do about each typed database error (also the pages', src/server/useResourcePages.ts). */
export const DATABASE_ADVICE = {
  SERVICE_UNAVAILABLE: 'the database is unavailable; retry shortly',
  QUERY_TIMEOUT: 'the query took too long and was stopped; ask for less (a smaller first, maxHops or depth)',
  NO_DATA: 'the graph has no data loaded: run `npm run seed`',
} as const;

export function toClientError(
  error: GraphQLError,
  requestId: string,
  logger: Logger,
  counted: Pick<ThrottledLog, 'note'> = new ThrottledLog(logger, { everyMs: 0 }),
): GraphQLError {
  const original = error.originalError;
  // Errors raised on purpose carry a code; graphql-js's own (syntax, validation, variable
  // coercion) are GraphQLErrors: both are safe and useful to clients as they are.
  if (!original || codeOf(original) || original.name === 'GraphQLError') return error;
  if (original instanceof DatabaseError && original.code !== 'DATABASE_ERROR') {
    // The driver's stack says nothing here; an outage is logged by the outage log.
    if (original.code === 'QUERY_TIMEOUT') {
      counted.note(original.code, { requestId, code: original.code, reason: original.message }, 'database error');
    }
    return new GraphQLError(DATABASE_ADVICE[original.code], {
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

/** What an executed operation's log line says. */
export interface OperationLine {
  requestId: string;
  operationName: string | undefined;
  durationMs: number;
  dbTimeMs: number;
  roundTrips: number;
  errors: unknown[];
}

/** The one log line of an executed operation (answered by yoga or replayed by the HTTP server). */
export function logOperation(logger: Pick<Logger, 'info' | 'debug'>, level: 'info' | 'debug', line: OperationLine) {
  logger[level](
    {
      ...line,
      operationName: loggedName(line.operationName),
      durationMs: Math.round(line.durationMs),
      dbTimeMs: Math.round(line.dbTimeMs),
    },
    'graphql',
  );
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

/** Failures on the server's side: logged on their own (or by the outage log), never counted. */
const SERVER_CODES: ReadonlySet<unknown> = new Set([
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  'NO_DATA',
  'DATABASE_ERROR',
]);

/** The code a refused request is counted under, or null when it ran or failed on our side. */
function refusalCode(result: ExecutionResult): string | null {
  if (result.data != null || !result.errors?.length) return null;
  if (result.errors.some((e) => e.path || SERVER_CODES.has(codeOf(e)))) return null;
  return String(codeOf(result.errors[0]) ?? 'BAD_REQUEST');
}

const MAX_LOGGED_REASON = 200;

const NOT_ACCEPTABLE = new GraphQLError(
  'this endpoint answers application/json or application/graphql-response+json: send Accept with one of them',
  { extensions: { code: 'NOT_ACCEPTABLE', http: { status: 406 } } },
);

/** An error that reached the answer with no code, given one. */
function coded(error: GraphQLError, requestId: string, logger: Logger): GraphQLError {
  const original = error.originalError;
  if (!original || original.name === 'GraphQLError') {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: original,
      extensions: { ...error.extensions, code: 'BAD_REQUEST' },
    });
  }
  // Thrown outside execution, so masked here: a bug on our side, whatever the input was.
  const masked = toClientError(error, requestId, logger);
  return new GraphQLError(masked.message, { extensions: { ...masked.extensions, http: { status: 500 } } });
}

export function useErrorsAndLogs(logger: Logger, outages: OutageLog): Plugin<Context> {
  const counted = new ThrottledLog(logger);
  const refusals = new WeakMap<Request, { code: string; reason: string }>();
  return {
    onResultProcess({ request, result, setResult, resultProcessor, setResultProcessor }) {
      if (!resultProcessor) {
        // yoga would answer an empty 406; RFC 9110 lets it say which types it serves.
        setResultProcessor(processRegularResult, 'application/json');
        setResult((result = { errors: [NOT_ACCEPTABLE] }));
      }
      if (Array.isArray(result) || isAsyncIterable(result) || !result.errors?.length) return;
      let errors = result.errors;
      if (errors.some((e) => !codeOf(e))) {
        const requestId = requestIdOf(request);
        errors = errors.map((e) => (codeOf(e) ? e : coded(e as GraphQLError, requestId, logger)));
        setResult({ ...result, errors });
      }
      const code = refusalCode({ ...result, errors });
      if (code) refusals.set(request, { code, reason: errors[0]!.message.slice(0, MAX_LOGGED_REASON) });
    },
    onResponse({ request, response }) {
      const refusal =
        refusals.get(request) ??
        (response.status >= 400 && response.status < 500 ? { code: `HTTP ${response.status}`, reason: '' } : null);
      if (!refusal) return;
      counted.note(
        refusal.code,
        { requestId: requestIdOf(request), status: response.status, reason: refusal.reason || undefined },
        'request refused',
      );
    },
    onDispose() {
      counted.flush();
      outages.flush();
    },
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
          const errors = result.errors?.map((e) => toClientError(e, context.requestId, logger, counted));
          if (errors) setResult({ ...result, errors });
          // Counted with the request's answer instead.
          if (refusalCode({ ...result, errors })) return;
          // Counted by the outage log instead, while it lasts.
          logOperation(logger, outages.down && (failure || refused) ? 'debug' : 'info', {
            requestId: context.requestId,
            operationName: getOperationAST(args.document, args.operationName)?.name?.value,
            durationMs: performance.now() - started,
            dbTimeMs: context.stats.dbTimeMs,
            roundTrips: context.stats.roundTrips,
            errors: errors?.map((e) => e.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED') ?? [],
          });
        },
      };
    },
  };
}
