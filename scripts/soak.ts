/**
 * `npm run soak [-- --seconds 60 --connections 64]` (not part of `npm test`)
 *
 * Starts the API as `npm start` does (its own process, on a Neo4j ensured and loaded), warms it
 * up, then runs a minute of mixed queries from a separate load process at 64 concurrent
 * connections. Prints requests, errors by class, latency percentiles and the server's memory
 * after warm-up and at the end; exits non-zero on any 5xx or if memory grew over 1.5x.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/neo4j/database.js';
import { ensureNeo4j } from '../src/neo4j/ensureNeo4j.js';
import { seedGraph } from '../seed/seedGraph.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, connections: { type: 'string' } } });
const seconds = values.seconds ?? '60';
const connections = values.connections ?? '64';

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 102.4) / 10 : NaN;
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function runLoad(url: string, loadSeconds: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/soakLoad.ts', '--url', url, '--seconds', loadSeconds, '--connections', connections],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
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
const neo4j = await ensureNeo4j(config);
const database = new Database(neo4j.connection, { queryTimeoutMs: config.QUERY_TIMEOUT_MS });
await seedGraph(database, { onlyIfChanged: true });
await database.close();

const port = await freePort();
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    NEO4J_URI: neo4j.connection.uri,
    NEO4J_USER: neo4j.connection.user,
    NEO4J_PASSWORD: neo4j.connection.password,
    NEO4J_DATABASE: neo4j.connection.database,
    SEED_ON_START: 'false',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 240) throw new Error('the API did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`soak: server pid ${server.pid}, ${connections} connections, warm-up 10 s, then ${seconds} s`);
  await runLoad(url, '10');
  const startMb = rssMb(server.pid!);
  const result = await runLoad(url, seconds);
  const endMb = rssMb(server.pid!);
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
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await neo4j.stop();
}
