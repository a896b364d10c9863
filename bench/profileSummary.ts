/**
 * A V8 CPU profile (`node --cpu-prof`) summed up: the process's busy time by part, each sample
 * going to the part of the innermost frame of its stack that belongs to one (so the driver's
 * work under a resolver counts as the driver's, and a socket write as the driver's or as
 * HTTP's, whichever wrote), and the functions with the most self time.
 * Idle time and the loading of modules are left out of the shares.
 */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Parts of the API, tried in this order on each frame from the innermost outwards. */
const PARTS: [string, RegExp][] = [
  ['start-up (loading modules)', /node:internal\/modules|\/(esbuild|tsx)\//],
  ['Neo4j driver (sending queries, unpacking records)', /neo4j-driver/],
  ['GraphQL execution (graphql-js, @graphql-tools/executor)', /@graphql-tools\/executor|node_modules\/graphql\//],
  ['our resolvers, Cypher and model (src/graphql, src/graph, src/model)', /\/src\/(graphql|graph|model)\//],
  ['our plugins and server (src/server)', /\/src\/server\//],
  ['yoga and envelop', /graphql-yoga|@envelop|@graphql-yoga/],
  ['HTTP (node:http, @whatwg-node)', /@whatwg-node|node:_http|compression/],
];
/** V8's own entries in a profile. */
const V8_PARTS: Record<string, string> = {
  '(garbage collector)': 'garbage collection',
  '(program)': 'V8 outside JavaScript (program)',
};
const SKIPPED = new Set(['(idle)', 'start-up (loading modules)']);

export interface ProfileSummary {
  /** Share of busy time (%) by part, largest first. */
  parts: [string, number][];
  /** The functions with the most self time, as a share (%) of busy time. */
  functions: [string, number][];
}

export function summariseProfile(profile: CpuProfile, topFunctions = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const partOf = (id: number): string => {
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf.startsWith('(')) return V8_PARTS[leaf] ?? leaf;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)!.callFrame.url;
      const part = PARTS.find(([, pattern]) => pattern.test(url));
      if (part) return part[0];
    }
    return 'other (node internals, timers, promises)';
  };
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, time] of selfTime) {
    const part = partOf(id);
    if (SKIPPED.has(part)) continue;
    busy += time;
    parts.set(part, (parts.get(part) ?? 0) + time);
    const frame = byId.get(id)!.callFrame;
    const where = frame.url
      ? ` ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}`
      : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + time);
  }
  const shares = (totals: Map<string, number>, count: number): [string, number][] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => [name, busy ? (100 * time) / busy : 0]);
  return { parts: shares(parts, PARTS.length + 4), functions: shares(functions, topFunctions) };
}
