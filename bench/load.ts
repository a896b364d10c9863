/**
 * One measurement, in a process of its own so the load does not share the server's event loop.
 * HTTP targets (ours, the peer) are driven by autocannon; the raw target runs the same Cypher
 * through neo4j-driver with the same concurrency. Prints one JSON line.
 *
 * The revalidate target sends the query by GET with the ETag of a first answer, and counts
 * anything but a 304 as an error.
 *
 *   node --import tsx bench/load.ts --target ours|warm|revalidate|peer|raw --workload W1 --url URL --seconds 10 --connections 16
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { rawRead } from './rawRead.js';
import { WORKLOADS, type Target } from './workloads.js';

export interface Measurement {
  workload: string;
  target: Target;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    workload: { type: 'string' },
    url: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
  },
});
const target = values.target as Target;
// The servers run with unmapped stack traces, as in production; so does the raw driver here.
process.setSourceMapsEnabled(false);
const workload = WORKLOADS.find((w) => w.name === values.workload)!;
const seconds = Number(values.seconds ?? 10);
const connections = Number(values.connections ?? 16);

/** A measurement from autocannon's result; `errors` counts what the run must not see. */
function fromAutocannon(result: Awaited<ReturnType<typeof autocannon>>, errors: number): Measurement {
  return {
    workload: workload.name,
    target,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + errors,
  };
}

async function overHttp(url: string, query: string): Promise<Measurement> {
  const body = JSON.stringify({ query });
  const check = (await (
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  ).json()) as {
    errors?: unknown[];
  };
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
  });
  return fromAutocannon(result, result.non2xx + (check.errors ? result.requests.total : 0));
}

async function revalidating(url: string, query: string): Promise<Measurement> {
  const getUrl = `${url}?query=${encodeURIComponent(query)}`;
  const etag = (await fetch(getUrl)).headers.get('etag');
  if (!etag) throw new Error(`no ETag on ${getUrl}`);
  const result = await autocannon({ url: getUrl, headers: { 'if-none-match': etag }, connections, duration: seconds });
  // Every answer must be a 304: a 200 means the tag did not match.
  return fromAutocannon(result, result.non2xx - result['3xx'] + result['2xx']);
}

async function overDriver(cypher: string, params: Record<string, unknown>): Promise<Measurement> {
  const config = loadConfig();
  const driver = neo4j.driver(config.NEO4J_URI!, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: connections + 4,
  });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const loop = async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      try {
        await rawRead(driver, config.NEO4J_DATABASE, cypher, params);
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  await driver.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    workload: workload.name,
    target,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: Math.round(at(0.5) * 10) / 10,
    p99Ms: Math.round(at(0.99) * 10) / 10,
    errors,
  };
}

const measurement =
  target === 'raw'
    ? await overDriver(workload.raw!.cypher, workload.raw!.params)
    : target === 'revalidate'
      ? await revalidating(values.url!, workload.ours)
      : await overHttp(values.url!, target === 'peer' ? workload.peer! : workload.ours);
console.log(JSON.stringify(measurement));
