/**
 * The load of `npm run soak`, in its own process so it does not share the server's event loop:
 * CONNECTIONS concurrent clients send a fixed mix of queries for SECONDS, then print one JSON
 * line with every request's class and latency summarised.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { url: { type: 'string' }, seconds: { type: 'string' }, connections: { type: 'string' } },
});
const url = values.url!;
const seconds = Number(values.seconds ?? 60);
const connections = Number(values.connections ?? 64);

/** The mix: what apps, researchers and a few broken clients send. */
const MIX = [
  '{ drug(name: "lioresal") { id name brands { name } targets { target { name } action affinities { value unit } citation { statement url } } } }',
  '{ drugs(names: ["baclofen", "phenibut", "pregabalin", "gabapentin", "GABA", "GHB", "nope"]) { id name } }',
  '{ search(query: "baclofn") { entity { id } score matchedField } }',
  '{ paths(from: "drug:baclofen", to: "drug:ghb") { length hops { type citation { statement } } } }',
  '{ neighbourhood(id: "drug:phenibut", depth: 2) { nodes { id } edges { type } } }',
  '{ compareAffinity(target: "target:alpha2delta-vgcc") { drug { name } value unit stereoisomer } }',
  '{ facts(subject: "drug:baclofen", first: 20) { totalCount edges { node { predicate } } } }',
  '{ drugByIdentifier(namespace: PUBCHEM_CID, value: "2284") { id } }',
  '{ paths(from: "drug:baclofen", to: "drug:ghb", maxHops: 9) { length } }',
  '{ drug(name: "}) MATCH (n) DETACH DELETE n //") { id } }',
];

const latencies: number[] = [];
const classes: Record<string, number> = {};
const count = (key: string) => (classes[key] = (classes[key] ?? 0) + 1);

async function client(id: number, deadline: number) {
  let i = id;
  while (Date.now() < deadline) {
    const body = JSON.stringify({ query: MIX[i++ % MIX.length] });
    const started = performance.now();
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      latencies.push(performance.now() - started);
      if (response.status >= 400) count(`http ${response.status}`);
      else if (json.errors) count(`graphql error ${json.errors[0]?.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED'}`);
      else count('ok');
    } catch (error) {
      count(`network ${(error as Error).message}`);
    }
  }
}

const deadline = Date.now() + seconds * 1000;
await Promise.all(Array.from({ length: connections }, (_, id) => client(id, deadline)));
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
console.log(
  JSON.stringify({
    requests:
      latencies.length +
      Object.entries(classes)
        .filter(([k]) => k.startsWith('network'))
        .reduce((n, [, v]) => n + v, 0),
    seconds,
    connections,
    classes,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
  }),
);
