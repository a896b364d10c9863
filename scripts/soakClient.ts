/**
 * The HTTP client of `npm run soak`'s modes: one POST at a time from a chosen source address
 * (on one machine, another client is another address of 127.0.0.0/8: the server tells clients
 * apart by address), classified by status and error code, with its latency; and the tallies
 * and percentiles every mode prints. Bodies of successful answers are drained, not parsed: a
 * client reading 600 KB answers must not slow down what it measures.
 */
import { Agent, request } from 'node:http';

const FACT = 'id subject predicate object value unit citations { statement url section hedge paragraph sentence }';
/**
 * Issue 19's costly legal query: 15 aliases of `facts(first: 100)` with citations, cost about
 * 96,000 (under MAX_COST, so it is run, not refused), about 600 KB of answer.
 */
export const COSTLY_QUERY = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: facts(first: 100) { edges { node { ${FACT} } } }`).join(' ')} }`;

export interface Answer {
  status: number;
  /** `ok`, `http <status> <code>`, `graphql error <code>`, or `network <message>`. */
  kind: string;
  ms: number;
  /** What `Retry-After` said, in ms (0 when absent). */
  retryAfterMs: number;
}

export interface Tally {
  latencies: number[];
  classes: Record<string, number>;
}

export const tally = (): Tally => ({ latencies: [], classes: {} });
export const count = (t: Tally, key: string, n = 1) => (t.classes[key] = (t.classes[key] ?? 0) + n);

/** A keep-alive agent whose connections come from `localAddress`. */
export function clientAgent(localAddress: string, keepAlive = true): Agent {
  return new Agent({ keepAlive, maxSockets: 1, localAddress } as ConstructorParameters<typeof Agent>[0]);
}

/** Bodies larger than this are counted by status alone. */
const PARSED_BYTES = 16_384;

/** POSTs `body` (JSON) to `url` through `agent` and classifies the answer. */
export function post(url: string, body: string, agent: Agent): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let retryAfterMs = 0;
    const done = (status: number, kind: string) =>
      resolve({ status, kind, ms: performance.now() - started, retryAfterMs });
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        retryAfterMs = 1000 * Number(response.headers['retry-after'] ?? 0) || 0;
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= PARSED_BYTES) chunks.push(chunk);
        });
        response.on('error', (error) => done(0, `network ${error.message}`));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          let code: string | undefined;
          if (bytes <= PARSED_BYTES) {
            try {
              const json = JSON.parse(Buffer.concat(chunks).toString()) as {
                errors?: { extensions?: { code?: string } }[];
              };
              code = json.errors?.[0]?.extensions?.code ?? (json.errors ? 'GRAPHQL_VALIDATION_FAILED' : undefined);
            } catch {
              code = 'UNPARSED';
            }
          }
          if (status >= 400) done(status, `http ${status} ${code ?? ''}`.trim());
          else if (code) done(status, `graphql error ${code}`);
          else done(status, 'ok');
        });
      },
    );
    req.on('error', (error) => done(0, `network ${error.message}`));
    req.end(body);
  });
}

/**
 * Sends `query` one request at a time until `deadline` (Date.now()), as a canary: a client
 * that asks for little and must get its answer promptly whatever the others do.
 */
export async function canary(
  url: string,
  query: string,
  deadline: number,
  options: { localAddress?: string; keepAlive?: boolean; pauseMs?: number } = {},
): Promise<Tally> {
  const t = tally();
  const agent = clientAgent(options.localAddress ?? '127.0.0.1', options.keepAlive ?? true);
  try {
    while (Date.now() < deadline) {
      const answer = await post(url, JSON.stringify({ query }), agent);
      t.latencies.push(answer.ms);
      count(t, answer.kind);
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  } finally {
    agent.destroy();
  }
  return t;
}

export interface Summary {
  requests: number;
  classes: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export function summary(t: Tally): Summary {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return {
    requests: sorted.length,
    classes: t.classes,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
  };
}

/** How many answers of these classes were 5xx, leaving out the kinds named. */
export function fiveXx(classes: Record<string, number>, except: string[] = []): number {
  return Object.entries(classes)
    .filter(([kind]) => /^http 5/.test(kind) && !except.some((code) => kind.endsWith(code)))
    .reduce((n, [, v]) => n + v, 0);
}
