/**
 * Conformance: running the generated documents
 *
 * Calls every root field with every argument value the pools allow (arguments.ts), each call
 * selecting everything (selections.ts), many calls to a document, a few documents at a time. It
 * goes in rounds: the first calls need no values (meta, the facts connection, ...), and each
 * round's answers give the next its values (entity ids, then names and identifiers), until a
 * round adds no call. A Relay connection is paged to its end. A document with an error is sent
 * again one call at a time, so one refused call keeps no other from being checked.
 */
import type { GraphQLSchema } from 'graphql';
import { collect, type Collected } from './answers.js';
import { callKey, callsOf, candidatesFrom, isPagedBy, poolsFrom, type Call, type Pools } from './arguments.js';
import { describeRoot, printDocument, rootSelection, type FieldSelection } from './selections.js';

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One document sent and what came back. */
export interface Answer {
  document: string;
  roots: FieldSelection[];
  data: Record<string, unknown>;
}

export interface CallError {
  call: string;
  code: string;
  message: string;
}

export interface Run {
  answers: Answer[];
  errors: CallError[];
  collected: Collected;
  pools: Pools;
  /** Calls made, by root field. */
  callsByField: Map<string, number>;
  /** Calls whose answer was not null, by root field. */
  answeredByField: Map<string, number>;
}

export interface RunOptions {
  /** Root fields (aliased calls) per document. */
  documentSize: number;
  /** Documents in flight at once. */
  concurrency: number;
  maxRounds: number;
}

/** Codes of refusals that say "retry": the answer is retried this many times. */
const TRANSIENT = new Set(['SERVICE_UNAVAILABLE', 'SERVER_BUSY']);
const RETRIES = 3;
const isTransient = (error: { extensions?: Record<string, unknown> }) => TRANSIENT.has(String(error.extensions?.code));

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export async function runConformance(
  schema: GraphQLSchema,
  execute: (document: string) => Promise<GraphQLBody>,
  options: RunOptions,
): Promise<Run> {
  const query = schema.getQueryType()!;
  const run: Run = {
    answers: [],
    errors: [],
    collected: { objects: [], scalars: [] },
    pools: poolsFrom(schema, [], []),
    callsByField: new Map(),
    answeredByField: new Map(),
  };
  const done = new Set<string>();
  const variants = new Map<string, number>();
  let alias = 0;
  const describe = (root: FieldSelection) => describeRoot(schema, root);

  /** Sends some calls in one document; on an error, each alone. Returns the calls of next pages. */
  async function send(calls: { call: Call; root: FieldSelection }[]): Promise<Call[]> {
    const document = printDocument(
      schema,
      calls.map((c) => c.root),
    );
    let body = await execute(document);
    // Refusals of an overloaded moment (a slow Neo4j, a busy slot) are retried, not reported.
    for (let attempt = 1; attempt <= RETRIES && body.errors?.some(isTransient); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
      body = await execute(document);
    }
    if (body.errors?.length && calls.length > 1) {
      const next: Call[] = [];
      for (const c of calls) next.push(...(await send([c])));
      return next;
    }
    for (const error of body.errors ?? [])
      run.errors.push({
        call: describe(calls[0]!.root),
        code: String(error.extensions?.code ?? 'none'),
        message: error.message,
      });
    if (!body.data) return [];
    const roots = calls.map((c) => c.root);
    run.answers.push({ document, roots, data: body.data });
    collect(body.data, roots, describe, run.collected);
    const next: Call[] = [];
    for (const { call, root } of calls) {
      const value = body.data[root.key] as { pageInfo?: { hasNextPage?: boolean; endCursor?: string } } | null;
      if (value !== null && value !== undefined) count(run.answeredByField, call.field);
      const page = value?.pageInfo;
      if (isPagedBy(query.getFields()[call.field]!, 'after') && page?.hasNextPage && page.endCursor)
        next.push({ field: call.field, args: { ...call.args, after: page.endCursor } });
    }
    return next;
  }

  async function sendAll(calls: Call[]): Promise<void> {
    let queue = calls.filter((c) => !done.has(callKey(c)));
    while (queue.length) {
      const candidates = candidatesFrom(run.pools);
      const selections = queue.map((call) => {
        done.add(callKey(call));
        count(run.callsByField, call.field);
        const variant = variants.get(call.field) ?? 0;
        variants.set(call.field, variant + 1);
        return { call, root: rootSelection({ schema, candidates, variant }, call.field, call.args, `q${alias++}`) };
      });
      const batches: (typeof selections)[] = [];
      for (let i = 0; i < selections.length; i += options.documentSize)
        batches.push(selections.slice(i, i + options.documentSize));
      const next: Call[] = [];
      const workers = Array.from({ length: options.concurrency }, async () => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) next.push(...(await send(batch)));
      });
      await Promise.all(workers);
      queue = next.filter((c) => !done.has(callKey(c)));
    }
  }

  for (let round = 0; round < options.maxRounds; round++) {
    const calls = Object.values(query.getFields()).flatMap((field) => callsOf(schema, run.pools, field));
    const fresh = calls.filter((c) => !done.has(callKey(c)));
    if (!fresh.length) break;
    await sendAll(fresh);
    run.pools = poolsFrom(schema, run.collected.objects, run.collected.scalars);
  }
  return run;
}
