/**
 * `npm run bench:profile [-- --seconds 10 --workloads W1,W2]` (not part of `npm test`)
 *
 * Where the CPU of a cold request goes. For each workload, our API (response cache off, as
 * `npm start` runs it) takes the bench load for `--seconds` while a V8 CPU profile is recorded
 * and the CPU time of Neo4j, the API and the load process is read from /proc. Prints, per
 * workload, the CPU milliseconds each process spends per request, the API's busy time by part
 * (the Neo4j driver, HTTP and yoga, execution, our code, garbage collection) and its top
 * functions by self time, and writes them to bench/results/profile.json.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { apiProcessOf, neo4jEnv, startApiProcess } from '../scripts/apiProcess.js';
import { summariseProfile, type CpuProfile } from './profileSummary.js';
import { startLoad } from './loadProcess.js';
import { WORKLOADS } from './workloads.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, workloads: { type: 'string' } } });
const seconds = Number(values.seconds ?? 10);
const chosen = values.workloads?.split(',') ?? WORKLOADS.map((w) => w.name);
const OUT = resolve(dirname(fileURLToPath(import.meta.url)), 'results', 'profile.json');

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, counted in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const load = (workload: string, url: string, env: Record<string, string>) =>
  startLoad({ target: 'ours', workload, url, seconds: String(seconds), connections: '16' }, env);

const config = loadConfig();
const graph = await openLoadedGraph(config);
const env = neo4jEnv(graph.neo4j.connection);
const neo4jPid = graph.neo4j.local?.pid ?? null;
/** The API as the bench measures it cold: no response cache, no limit per client, no release written. */
const COLD = { RESPONSE_CACHE: 'false', CLIENT_COST_PER_SECOND: '1000000000', RELEASE_ON_START: 'false' };
const workloads = WORKLOADS.filter((w) => chosen.includes(w.name));
const results = [];
try {
  // A freshly started Neo4j plans and compiles as it goes: every workload runs once first.
  const warmUp = await startApiProcess(graph.neo4j.connection, COLD);
  try {
    for (const workload of workloads) await load(workload.name, warmUp.url, env).done;
  } finally {
    await warmUp.stop();
  }
  for (const workload of workloads) {
    const profileDir = mkdtempSync(join(tmpdir(), 'drug-facts-profile-'));
    const api = await startApiProcess(graph.neo4j.connection, COLD, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    const apiPid = apiProcessOf(api.child.pid!)!;
    try {
      await load(workload.name, api.url, env).done; // this process's warm-up: JIT, connection pool
      const run = load(workload.name, api.url, env);
      // Read once the load has begun and before it ends, so start-up and tear-down stay out.
      await new Promise((r) => setTimeout(r, 500));
      const before = { neo4j: neo4jPid && cpuSeconds(neo4jPid), api: cpuSeconds(apiPid), load: cpuSeconds(run.pid) };
      const window = Math.max(1, seconds - 1.5);
      await new Promise((r) => setTimeout(r, window * 1000));
      const after = { neo4j: neo4jPid && cpuSeconds(neo4jPid), api: cpuSeconds(apiPid), load: cpuSeconds(run.pid) };
      const { requestsPerSecond } = await run.done;
      const perRequest = (used: number) => Math.round((used / (requestsPerSecond * window)) * 1e6) / 1e3;
      results.push({
        workload: workload.name,
        requestsPerSecond: Math.round(requestsPerSecond),
        cpuMsPerRequest: {
          neo4j: neo4jPid ? perRequest(after.neo4j! - before.neo4j!) : null,
          api: perRequest(after.api - before.api),
          load: perRequest(after.load - before.load),
        },
        profile: null as ReturnType<typeof summariseProfile> | null,
      });
    } finally {
      await api.stop();
    }
    const file = readdirSync(profileDir).find((name) => name.includes(`.${apiPid}.0.`));
    if (file) {
      const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
      results.at(-1)!.profile = summariseProfile(profile);
    }
    rmSync(profileDir, { recursive: true, force: true });
  }
} finally {
  await graph.close();
}

for (const r of results) {
  const cpu = r.cpuMsPerRequest;
  console.log(
    `\n${r.workload}: ${r.requestsPerSecond} requests/s; CPU ms per request: API ${cpu.api}, Neo4j ${cpu.neo4j ?? 'n/a'}, load ${cpu.load}`,
  );
  if (!r.profile) continue;
  console.log('  API busy time by part:');
  for (const [part, share] of r.profile.parts) console.log(`    ${share.toFixed(1).padStart(5)}%  ${part}`);
  console.log('  top functions (self time):');
  for (const [name, share] of r.profile.functions) console.log(`    ${share.toFixed(1).padStart(5)}%  ${name}`);
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify({ date: new Date().toISOString(), seconds, results }, null, 2)}\n`);
console.log(`\nwrote ${OUT}`);
