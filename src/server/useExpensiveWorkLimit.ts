/**
 * Expensive work limit
 *
 * Operations costing `threshold` or more (the cost model's values an answer could hold) share a
 * bounded budget of the server's time, so that cheap queries, which never wait for it, stay
 * fast while costly ones pile up:
 * - at most `concurrency` run at once; the others wait in a queue bounded by their total cost
 *   (`queueCost`) and by time (`maxWaitMs`). One that would go over either is refused: 503 with
 *   `Retry-After` and the code SERVER_BUSY. A refusal at once, as before this queue, made
 *   sixteen clients sending costly queries spin on 503s; the queue lets them take turns.
 * - the queue is fair between clients (start-time fair queueing, weighted by cost): each waiting
 *   operation is tagged with the cost its client has had run before it, and the lowest tag goes
 *   next, so a client with one costly query waits behind at most one of each other client's,
 *   however many they send.
 * - they take at most `share` of the time: after one ran for d ms, the next starts
 *   d * (1 - share) / share ms later. On two cores shared with Neo4j, expensive work back to
 *   back left cheap queries waiting for the CPU, not only for the event loop.
 * - an expensive operation reads the database one statement at a time. Node decodes what Neo4j
 *   sends on its one thread; fifteen aliases reading at once had their answers decoded in one
 *   turn of the event loop, and cheap requests waited up to 900 ms behind it. One at a time,
 *   what arrives between two turns is one statement's answer.
 * Answers served from the response cache cost nothing and do not count: the cache, registered
 * after this, calls the executor this wraps only when it has no answer.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import type { Reader } from '../neo4j/database.js';
import type { ClientServerContext } from './useClientCostRate.js';
import { requestCost } from './useCostLimit.js';

export interface ExpensiveWorkLimit {
  /** Cost from which an operation is expensive. */
  threshold: number;
  /** Most expensive operations running at once. */
  concurrency: number;
  /** Most cost waiting for a slot. */
  queueCost: number;
  /** Longest wait for a slot, in ms. */
  maxWaitMs: number;
  /**
   * Largest share of the time expensive operations may run: after one held a slot for d ms, the
   * slot rests d * (1 - share) / share ms (at most 2 s) before the next starts. @default 0.5
   */
  share?: number;
  /** What `Retry-After` tells a refused client, in seconds. @default 1 */
  retryAfterSeconds?: number;
}

/**
 * Longest rest after one operation: time waiting on Neo4j counts as running, and an operation of
 * many slow reads must not keep every other one waiting for as long again.
 */
const MAX_REST_MS = 2_000;

interface Waiting {
  client: string;
  cost: number;
  /** Its place in the fair order: the lowest goes first. */
  tag: number;
  start(): void;
}

/** A reader that sends one statement at a time, each when the one before has been answered. */
function oneAtATime(reader: Reader): Reader {
  let previous: Promise<unknown> = Promise.resolve();
  return {
    read(statement) {
      const next = previous.then(
        () => reader.read(statement),
        () => reader.read(statement),
      );
      previous = next.catch(() => undefined);
      return next;
    },
    readKept: (statement) => reader.readKept(statement),
  };
}

export function useExpensiveWorkLimit(limit: ExpensiveWorkLimit): Plugin {
  const retryAfter = String(limit.retryAfterSeconds ?? 1);
  const share = Math.min(1, Math.max(0.01, limit.share ?? 0.5));
  let running = 0;
  /** No expensive operation starts before this (performance.now()): the slots rest. */
  let restUntil = 0;
  let waking: NodeJS.Timeout | undefined;
  const queue: Waiting[] = [];
  let queuedCost = 0;
  /** Fair queueing's clock: the tag of the operation that started last. */
  let virtualTime = 0;
  /** Each client's tag after its last operation (its tag plus its cost); forgotten once passed. */
  const finishes = new Map<string, number>();

  const busy = (cost: number, why: string) => ({
    errors: [
      new GraphQLError(
        `the server is busy with other expensive operations (${why}; this one could return up to ${cost} values); ` +
          `retry in ${retryAfter} s, or ask for less: operations under ${limit.threshold} never wait`,
        { extensions: { code: 'SERVER_BUSY', http: { status: 503, headers: { 'Retry-After': retryAfter } } } },
      ),
    ],
  });

  const tagOf = (client: string, cost: number) => {
    const tag = Math.max(virtualTime, finishes.get(client) ?? 0);
    finishes.set(client, tag + cost);
    return tag;
  };

  const started = (tag: number) => {
    running++;
    virtualTime = Math.max(virtualTime, tag);
    for (const [client, finish] of finishes) if (finish <= virtualTime) finishes.delete(client);
  };

  const next = () => {
    const resting = restUntil - performance.now();
    if (resting > 0) {
      waking ??= setTimeout(() => {
        waking = undefined;
        next();
      }, resting);
      return;
    }
    while (running < limit.concurrency && queue.length > 0) {
      let lowest = 0;
      for (let i = 1; i < queue.length; i++) if (queue[i]!.tag < queue[lowest]!.tag) lowest = i;
      const [waiting] = queue.splice(lowest, 1);
      queuedCost -= waiting!.cost;
      started(waiting!.tag);
      waiting!.start();
    }
  };

  /** Resolves when the operation may run; null when it is refused. */
  const slot = (client: string, cost: number): Promise<string | null> => {
    if (running < limit.concurrency && queue.length === 0 && performance.now() >= restUntil) {
      started(tagOf(client, cost));
      return Promise.resolve(null);
    }
    if (queuedCost + cost > limit.queueCost) return Promise.resolve('the queue for them is full');
    return new Promise((resolve) => {
      const waiting: Waiting = {
        client,
        cost,
        tag: tagOf(client, cost),
        start: () => {
          clearTimeout(timer);
          resolve(null);
        },
      };
      const timer = setTimeout(() => {
        const at = queue.indexOf(waiting);
        if (at < 0) return;
        queue.splice(at, 1);
        queuedCost -= cost;
        // What never ran does not count against its client, unless it has queued more since.
        if (finishes.get(client) === waiting.tag + cost) finishes.set(client, waiting.tag);
        resolve(`none was free within ${limit.maxWaitMs} ms`);
      }, limit.maxWaitMs);
      queue.push(waiting);
      queuedCost += cost;
      next();
    });
  };

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const cost = requestCost(args);
      if (cost < limit.threshold) return;
      // The slot is taken when the executor is called, which a response-cache hit never does.
      setExecuteFn(async (executionArgs) => {
        const context = executionArgs.contextValue as Context & ClientServerContext;
        const refused = await slot(context.clientAddress ?? 'in-process', cost);
        if (refused !== null) return busy(cost, refused);
        context.database = oneAtATime(context.database);
        const startedAt = performance.now();
        try {
          return await executeFn(executionArgs);
        } finally {
          const now = performance.now();
          const rest = Math.min(MAX_REST_MS, ((now - startedAt) * (1 - share)) / share);
          restUntil = Math.max(restUntil, now + rest);
          running--;
          next();
        }
      });
    },
  };
}
