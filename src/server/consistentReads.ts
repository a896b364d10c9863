/**
 * Consistent reads
 *
 * Every request reads from one data version, never from a graph half switched by a load
 * (src/server/readGate.ts), and its answer says which version: the `x-data-version` header. The
 * header travels in the result (`extensions.http`, which yoga turns into headers and leaves out
 * of the body), so the response cache keeps it with the answer, and a cached answer names the
 * version it was read from. A request that cannot be answered from one version gets 503 with
 * `Retry-After: 1` and the code SERVICE_UNAVAILABLE: a switch took longer to commit than it may
 * wait (QUERY_TIMEOUT_MS), or the version changed under it.
 *
 * Requests read through `database`: the same executor, whose per-request readers take a ticket
 * from the gate before their first read. Cached answers and requests that read nothing never
 * touch the gate, so they are served during a switch too.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Context } from '../graphql/context.js';
import type { Database, QueryStats, Reader } from '../neo4j/database.js';
import { switchNoticeMs } from '../neo4j/meta.js';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import { ReadGate, ReadGateError, type Ticket } from './readGate.js';

export const DATA_VERSION_HEADER = 'x-data-version';

const REFUSALS = {
  switching: 'the data is being switched to a new version; retry in 1 s',
  switched: 'the data was switched to a new version while this request was being read; retry',
  unproven:
    'could not confirm which data version this answer was read from (Neo4j did not answer in time); retry shortly',
} as const;

function refusal(error: unknown): { errors: GraphQLError[] } {
  if (!(error instanceof ReadGateError)) throw error;
  const extensions = { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '1' } } };
  return { errors: [new GraphQLError(REFUSALS[error.reason], { extensions })] };
}

interface ExtensionsWithHttp {
  http?: { headers?: Record<string, string> };
  [key: string]: unknown;
}

function withVersion<T extends { extensions?: ExtensionsWithHttp }>(result: T, version: string): T {
  const extensions = result.extensions ?? {};
  const http = { ...extensions.http, headers: { ...extensions.http?.headers, [DATA_VERSION_HEADER]: version } };
  return { ...result, extensions: { ...extensions, http } };
}

export interface ConsistentReads {
  /** The Database request contexts read through. */
  database: Database;
  /** Refuses answers not read from one version, and names the version of the others. */
  plugin: Plugin;
}

export function consistentReads(
  watcher: DataVersionWatcher,
  database: Database,
  settings: Pick<Config, 'DATA_VERSION_POLL_MS' | 'SWITCH_GRACE_MS' | 'QUERY_TIMEOUT_MS'>,
): ConsistentReads {
  const gate = new ReadGate(watcher, { noticeMs: switchNoticeMs(settings), maxWaitMs: settings.QUERY_TIMEOUT_MS });
  /** Each request's ticket, by its stats object (the one thing its context and reader share). */
  const tickets = new WeakMap<QueryStats, { ticket?: Promise<Ticket> }>();

  const reader = (stats: QueryStats): Reader => {
    const inner = database.reader(stats);
    const reads: { ticket?: Promise<Ticket> } = {};
    tickets.set(stats, reads);
    return {
      async read(statement) {
        // Reads that start together (sibling root fields) share the one ticket.
        reads.ticket ??= gate.enter();
        const ticket = await reads.ticket;
        if (ticket.proven && !(await gate.confirm(ticket))) throw gate.refusal(ticket);
        return inner.read(statement);
      },
      readKept: (statement) => inner.readKept(statement),
    };
  };
  // The executor itself, but for the readers it hands to request contexts.
  const gated = new Proxy(database, {
    get: (target, key, receiver) => (key === 'reader' ? reader : Reflect.get(target, key, receiver)),
  });

  const plugin: Plugin = {
    onExecute({ args }) {
      const reads = tickets.get((args.contextValue as unknown as Context).stats);
      if (!reads) return;
      return {
        async onExecuteDone({ result, setResult }) {
          if (!reads.ticket || !('data' in result || 'errors' in result)) return;
          let ticket: Ticket;
          try {
            ticket = await reads.ticket;
          } catch (error) {
            setResult(refusal(error));
            return;
          }
          // A read refused midway (its ticket ran out) refuses the whole answer.
          const refused = result.errors?.find((e) => e.originalError instanceof ReadGateError);
          if (refused) {
            setResult(refusal(refused.originalError));
            return;
          }
          if (await gate.confirm(ticket)) {
            if (ticket.version !== null) setResult(withVersion(result, ticket.version));
            return;
          }
          // Nothing came back that could be mixed: the errors (an outage, a timeout) say why.
          // Fields named `__` are not read from the graph (`__typename`, and the response
          // cache's `__responseCacheTypeName`, which made an outage's error a refusal).
          const read = Object.entries(result.data ?? {}).some(
            ([key, value]) => value !== null && !key.startsWith('__'),
          );
          if (result.errors?.length && !read) return;
          setResult(refusal(gate.refusal(ticket)));
        },
      };
    },
  };
  return { database: gated, plugin };
}
