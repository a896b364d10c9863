/**
 * `npm run bench [-- --seconds 10 --rounds 3 --connections 16 --out FILE]` (not part of `npm test`)
 *
 * Our API cold (response cache off) and warm (on, as deployed), a 304 revalidation, the raw
 * driver running the same Cypher, and an @neo4j/graphql peer, side by side on one Neo4j and
 * one graph. Each measurement is a separate load process; runs alternate
 * (ours, raw, peer, ours, ...) so that drift on a shared machine hits all alike, and each
 * figure is the median of its rounds. Prints one table and writes the figures as JSON.
 * `--smoke` runs one short round (what `npm test` checks).
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/neo4j/freePort.js';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { neo4jEnv, rssMb, startApiProcess, startProcess, stopProcess } from '../scripts/apiProcess.js';
import type { Measurement } from './load.js';
import { startLoad } from './loadProcess.js';
import { WORKLOADS, type Target } from './workloads.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    out: { type: 'string' },
    smoke: { type: 'boolean' },
  },
});
const smoke = values.smoke ?? false;
const seconds = values.seconds ?? (smoke ? '1' : '10');
const rounds = Number(values.rounds ?? (smoke ? 1 : 3));
const connections = values.connections ?? '16';
const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'results');
const out = values.out ?? resolve(RESULTS_DIR, smoke ? 'smoke.json' : 'latest.json');

const measure = (target: Target, workload: string, url: string, env: Record<string, string>) =>
  startLoad({ target, workload, url, seconds, connections }, env).done;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const config = loadConfig();
const graph = await openLoadedGraph(config);
const env = neo4jEnv(graph.neo4j.connection);
// The benchmark measures what the server can do for one client, which CLIENT_COST_PER_SECOND is there to stop.
// Nor does it measure the release `npm start` writes in the background as it starts.
const unlimited = { CLIENT_COST_PER_SECOND: '1000000000', RELEASE_ON_START: 'false' };
const ours = await startApiProcess(graph.neo4j.connection, { RESPONSE_CACHE: 'false', ...unlimited });
const warm = await startApiProcess(graph.neo4j.connection, unlimited);
const peerPort = await freePort();
const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
const peer = await startProcess(
  'bench/peer/server.ts',
  ['--port', String(peerPort)],
  { ...env, NODE_ENV: 'production' },
  peerUrl,
);
const urls: Record<Target, string> = { ours: ours.url, warm: warm.url, revalidate: warm.url, peer: peerUrl, raw: '' };
const serverPid: Record<Target, number | null> = {
  ours: ours.child.pid!,
  warm: warm.child.pid!,
  revalidate: warm.child.pid!,
  peer: peer.pid!,
  raw: null,
};
const TARGETS: Target[] = ['ours', 'warm', 'revalidate', 'raw', 'peer'];
const measured = (w: (typeof WORKLOADS)[number], t: Target) =>
  t === 'ours' || t === 'warm' || (t === 'revalidate' ? w.revalidate === true : Boolean(w[t]));

try {
  const plan = WORKLOADS.flatMap((w) => TARGETS.filter((t) => measured(w, t)).map((t) => ({ w: w.name, t })));
  console.log(
    `bench: ${cpus().length} cores, ${connections} connections, ${rounds} round(s) of ${seconds} s per run, ${plan.length} runs per round`,
  );
  for (const { w, t } of plan) await measure(t, w, urls[t], env); // warm-up, discarded
  const runs: (Measurement & { round: number; serverRssMb: number | null })[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const { w, t } of plan) {
      const m = await measure(t, w, urls[t], env);
      runs.push({ ...m, round, serverRssMb: serverPid[t] ? rssMb(serverPid[t]!) : null });
    }
  }
  const rows = plan.map(({ w, t }) => {
    const mine = runs.filter((r) => r.workload === w && r.target === t);
    return {
      workload: w,
      target: t,
      requestsPerSecond: Math.round(median(mine.map((r) => r.requestsPerSecond))),
      p50Ms: median(mine.map((r) => r.p50Ms)),
      p99Ms: median(mine.map((r) => r.p99Ms)),
      errors: mine.reduce((n, r) => n + r.errors, 0),
      serverRssMb: t === 'raw' ? null : median(mine.map((r) => r.serverRssMb ?? 0)),
    };
  });
  const rps = (w: string, t: Target) => rows.find((r) => r.workload === w && r.target === t)?.requestsPerSecond;
  const table = rows.map((r) => {
    const raw = rps(r.workload, 'raw');
    const peerRps = rps(r.workload, 'peer');
    const mine = r.target !== 'raw' && r.target !== 'peer';
    return {
      ...r,
      oursOverRaw: mine && raw ? Math.round((r.requestsPerSecond / raw) * 100) / 100 : null,
      oursOverPeer: mine && peerRps ? Math.round((r.requestsPerSecond / peerRps) * 100) / 100 : null,
    };
  });
  console.table(table);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, connections: Number(connections), seconds: Number(seconds), rounds, rows: table, runs }, null, 2)}\n`,
  );
  console.log(`wrote ${out}`);
} finally {
  await ours.stop();
  await warm.stop();
  await stopProcess(peer);
  await graph.close();
}
