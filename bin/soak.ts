/**
 * `npm run soak [-- --seconds 60 --connections 64]` (not part of `npm test`)
 *
 * Starts the API as `npm start` does (its own process, on a Neo4j ensured and loaded), warms it
 * up, then runs a minute of mixed queries from a separate load process at 64 concurrent
 * connections. Prints requests, errors by class, latency percentiles and the server's memory
 * after warm-up and at the end; exits non-zero on any 5xx or if memory grew over 1.5x.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { rssMb, startApiProcess } from '../scripts/apiProcess.js';
import { loadConfig } from '../src/config.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, connections: { type: 'string' } } });
const seconds = values.seconds ?? '60';
const connections = values.connections ?? '64';

function runLoad(url: string, loadSeconds: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/soakLoad.ts', '--url', url, '--seconds', loadSeconds, '--connections', connections],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>)
        : reject(new Error(`load exited ${code}`)),
    );
  });
}

const config = loadConfig();
const graph = await openLoadedGraph(config);
const api = await startApiProcess(graph.neo4j.connection);
try {
  const pid = api.child.pid!;
  console.log(`soak: server pid ${pid}, ${connections} connections, warm-up 10 s, then ${seconds} s`);
  await runLoad(api.url, '10');
  const startMb = rssMb(pid);
  const result = await runLoad(api.url, seconds);
  const endMb = rssMb(pid);
  const classes = result.classes as Record<string, number>;
  const fiveXx = Object.entries(classes)
    .filter(([k]) => /^http 5/.test(k))
    .reduce((n, [, v]) => n + v, 0);
  console.log(
    `requests: ${result.requests} in ${seconds} s (${Math.round(Number(result.requests) / Number(seconds))}/s)`,
  );
  console.log('by class:');
  for (const [name, n] of Object.entries(classes).sort()) console.log(`  ${name}: ${n}`);
  console.log(`latency ms: ${JSON.stringify(result.latencyMs)}`);
  console.log(`server RSS: ${startMb} MB after warm-up, ${endMb} MB at the end (${(endMb / startMb).toFixed(2)}x)`);
  console.log(`5xx responses: ${fiveXx}`);
  process.exitCode = fiveXx === 0 && endMb <= startMb * 1.5 ? 0 : 1;
} finally {
  await api.stop();
  await graph.close();
}
