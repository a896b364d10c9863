/**
 * The load of `npm run soak`, in its own process so it does not share the server's event loop:
 * CONNECTIONS concurrent clients send a fixed mix of queries for SECONDS; ABUSIVE more send the
 * heaviest queries the API accepts (and some it refuses) as fast as they are answered; and, when
 * there are abusive clients, one canary asks for a drug by name, one request at a time, to
 * measure what a cheap query waits. Every abusive and canary request carries a counter as an
 * extra variable, so no answer comes from the response cache (whose key holds the variables)
 * and the server does the work each time; the document stays the same, as an attacker
 * repeating one query would send it (`--vary text` puts the counter in a comment as well, so
 * that every document is parsed anew).
 * Prints one JSON line with every request's class and latency summarised.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    abusive: { type: 'string' },
    abuse: { type: 'string' },
    vary: { type: 'string' },
  },
});
const url = values.url!;
const seconds = Number(values.seconds ?? 60);
const connections = Number(values.connections ?? 64);
const abusive = Number(values.abusive ?? 0);
/** `probe`: only issue 14's request; `all`: every operation of ABUSE in turn. */
const abuseKind = values.abuse ?? 'all';
/** `variables`: a counter as an extra variable; `text`: also in a comment, so no document cache helps. */
const vary = values.vary ?? 'variables';

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

const CITATION = 'citation { statement url section hedge source { id title url licence } }';
const FULL_NEIGHBOURHOOD = `nodes { id kind name synonyms description ${CITATION} } edges { id source target type qualifiers { key value } ${CITATION} }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** The heaviest operations: the first two are refused before they run, the rest are legal. */
const ABUSE = [
  // Issue 14's probe: 8 KB asking for 5.7 MB.
  aliases(30, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`),
  aliases(2, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`),
  // The largest neighbourhoods there are, whole, one per request.
  aliases(1, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`),
  aliases(1, `neighbourhood(id: "drug:phenibut", depth: 3) { ${FULL_NEIGHBOURHOOD} }`),
  // Neighbourhoods as many as allowed, each read whole by the database.
  aliases(30, 'neighbourhood(id: "drug:baclofen", depth: 3) { centre { id } }'),
  // The hub's 148 relations, and each neighbour's.
  aliases(1, 'entity(id: "drug:baclofen") { relations { type node { id relations { type node { id name } } } } }'),
];

const CANARY = '{ drug(name: "lioresal") { id name } }';

interface Tally {
  latencies: number[];
  classes: Record<string, number>;
}

const tally = (): Tally => ({ latencies: [], classes: {} });
const count = (t: Tally, key: string) => (t.classes[key] = (t.classes[key] ?? 0) + 1);

let nonce = 0;

async function send(t: Tally, query: string, fresh: boolean) {
  const started = performance.now();
  try {
    const n = nonce++;
    const body = JSON.stringify(
      !fresh ? { query } : { query: vary === 'text' ? `# ${n}\n${query}` : query, variables: { nonce: n } },
    );
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    t.latencies.push(performance.now() - started);
    if (response.status >= 400) count(t, `http ${response.status} ${json.errors?.[0]?.extensions?.code ?? ''}`.trim());
    else if (json.errors) count(t, `graphql error ${json.errors[0]?.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED'}`);
    else count(t, 'ok');
  } catch (error) {
    count(t, `network ${(error as Error).message}`);
  }
}

async function client(t: Tally, queries: string[], first: number, deadline: number, fresh: boolean) {
  for (let i = first; Date.now() < deadline; i++) {
    const query = queries[i % queries.length]!;
    await send(t, query, fresh);
  }
}

function summary(t: Tally) {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  const network = Object.entries(t.classes)
    .filter(([k]) => k.startsWith('network'))
    .reduce((n, [, v]) => n + v, 0);
  return {
    requests: sorted.length + network,
    classes: t.classes,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
  };
}

const deadline = Date.now() + seconds * 1000;
const mix = tally();
const abuse = tally();
const canary = tally();
await Promise.all([
  ...Array.from({ length: connections }, (_, id) => client(mix, MIX, id, deadline, false)),
  ...Array.from({ length: abusive }, (_, id) =>
    client(abuse, abuseKind === 'probe' ? ABUSE.slice(0, 1) : ABUSE, id, deadline, true),
  ),
  ...(abusive > 0 ? [client(canary, [CANARY], 0, deadline, true)] : []),
]);
console.log(
  JSON.stringify({
    seconds,
    connections,
    ...summary(mix),
    ...(abusive > 0 ? { abusive: { connections: abusive, ...summary(abuse) }, canary: summary(canary) } : {}),
  }),
);
