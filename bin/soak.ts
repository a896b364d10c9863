/**
 * `npm run soak [-- --seconds 60 --connections 64 --abusive 8 --abuse all|probe --vary variables|text --cache false]`
 * (not part of `npm test`)
 *
 * Starts the API as `npm start` does (its own process, on a Neo4j ensured and loaded), warms it
 * up, then runs a minute of mixed queries from a separate load process at 64 concurrent
 * connections. Prints requests, errors by class, latency percentiles and the server's memory
 * after warm-up, at its peak (sampled every 250 ms) and at the end; exits non-zero on any 5xx or
 * if memory grew over 1.5x.
 *
 * With `--abusive N`, N more connections send the heaviest operations as fast as they are
 * answered (`--abuse probe`: only issue 14's 30-alias neighbourhood request), and a canary asks
 * for a drug by name one request at a time; neither is answered from the response cache (see
 * scripts/soakLoad.ts). The 503s of the expensive-work limit are then expected; the run fails if
 * the canary's p99 reaches 100 ms or the server's memory 400 MB.
 *
 * `--mode NAME` runs one of the modes in scripts/soakModes/ instead (scripts/soakMode.ts: each
 * prints a canary's p50/p99, refusals by code, 5xx answers, the server's RSS peak and event-loop
 * delay, and exits 1 when it misses its bound); `--mode list` lists them, `--mode all` runs each,
 * `--mode a,b` runs those.
 * Options a mode reads (`--hog 600`, `--clients 16`) are passed on to it.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { rssMb, startApiProcess } from '../scripts/apiProcess.js';
import { loadConfig } from '../src/config.js';
import { loadSoakMode, printSoakResult, soakContext, soakModeNames } from '../scripts/soakMode.js';

const { values, tokens } = parseArgs({
  options: {
    seconds: { type: 'string' },
    connections: { type: 'string' },
    abusive: { type: 'string' },
    abuse: { type: 'string' },
    vary: { type: 'string' },
    mode: { type: 'string' },
    cache: { type: 'string' },
  },
  // A mode's own options (`--hog 600`) pass through to it.
  strict: false,
  tokens: true,
});
// Options parseArgs does not know come as flags followed by a positional: `--hog 600`.
for (const [i, token] of tokens.entries()) {
  const next = tokens[i + 1];
  if (token.kind === 'option' && token.value === undefined && next?.kind === 'positional')
    values[token.name] = next.value;
}
const option = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
if (values.mode === 'list') {
  for (const name of soakModeNames()) console.log(`${name}: ${(await loadSoakMode(name)).description}`);
  process.exit(0);
}
if (values.mode !== undefined && values.mode !== 'mix') {
  const names = values.mode === 'all' ? soakModeNames() : String(values.mode).split(',');
  const modes = await Promise.all(names.map(async (name) => [name, await loadSoakMode(name)] as const));
  const modeGraph = await openLoadedGraph(loadConfig());
  let held = true;
  try {
    const options = Object.fromEntries(Object.keys(values).map((name) => [name, option(name)]));
    const context = soakContext(modeGraph.neo4j.connection, Number(option('seconds') ?? 60), options);
    for (const [name, mode] of modes) {
      console.log(`soak mode ${name}: ${mode.description}`);
      const results = await mode.run(context);
      for (const result of Array.isArray(results) ? results : [results]) held = printSoakResult(name, result) && held;
    }
  } finally {
    await modeGraph.close();
  }
  process.exit(held ? 0 : 1);
}
const seconds = option('seconds') ?? '60';
const connections = option('connections') ?? '64';
const abusive = option('abusive') ?? '0';
const abuseArgs = ['--abusive', abusive, '--abuse', option('abuse') ?? 'all', '--vary', option('vary') ?? 'variables'];
const CANARY_P99_MS = 100;
const ABUSED_RSS_MB = 400;

interface LoadResult {
  requests: number;
  classes: Record<string, number>;
  latencyMs: Record<string, number>;
  abusive?: {
    connections: number;
    requests: number;
    classes: Record<string, number>;
    latencyMs: Record<string, number>;
  };
  canary?: { requests: number; classes: Record<string, number>; latencyMs: { p99: number } & Record<string, number> };
}

function runLoad(url: string, loadSeconds: string, extra: string[] = []): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/soakLoad.ts',
        ...['--url', url, '--seconds', loadSeconds, '--connections', connections, ...extra],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult)
        : reject(new Error(`load exited ${code}`)),
    );
  });
}

const config = loadConfig();
const graph = await openLoadedGraph(config);
// `--cache false`: every request reads Neo4j, as the read gate's polls do (issue 19's 503s at 32 connections).
const api = await startApiProcess(
  graph.neo4j.connection,
  option('cache') === 'false' ? { RESPONSE_CACHE: 'false' } : {},
);
try {
  const pid = api.child.pid!;
  console.log(
    `soak: server pid ${pid}, ${connections} connections${abusive !== '0' ? ` and ${abusive} abusive ones` : ''}, ` +
      `warm-up 10 s, then ${seconds} s`,
  );
  await runLoad(api.url, '10');
  const startMb = rssMb(pid);
  let peakMb = startMb;
  const sampling = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 250);
  const result = await runLoad(api.url, seconds, abuseArgs).finally(() => clearInterval(sampling));
  const endMb = rssMb(pid);
  const classes = result.classes;
  // The expensive-work limit's 503s are refusals the abusive clients are meant to get.
  const fiveXx = [classes, result.abusive?.classes ?? {}, result.canary?.classes ?? {}]
    .flatMap((c) => Object.entries(c))
    .filter(([k]) => /^http 5/.test(k) && !k.endsWith('SERVER_BUSY'))
    .reduce((n, [, v]) => n + v, 0);
  console.log(
    `requests: ${result.requests} in ${seconds} s (${Math.round(Number(result.requests) / Number(seconds))}/s)`,
  );
  console.log('by class:');
  for (const [name, n] of Object.entries(classes).sort()) console.log(`  ${name}: ${n}`);
  console.log(`latency ms: ${JSON.stringify(result.latencyMs)}`);
  if (result.abusive && result.canary) {
    console.log(`abusive: ${result.abusive.requests} requests on ${result.abusive.connections} connections`);
    for (const [name, n] of Object.entries(result.abusive.classes).sort()) console.log(`  ${name}: ${n}`);
    console.log(`abusive latency ms: ${JSON.stringify(result.abusive.latencyMs)}`);
    console.log(`canary: ${result.canary.requests} requests, latency ms: ${JSON.stringify(result.canary.latencyMs)}`);
  }
  console.log(
    `server RSS: ${startMb} MB after warm-up, ${peakMb} MB at the peak, ${endMb} MB at the end ` +
      `(${(endMb / startMb).toFixed(2)}x)`,
  );
  console.log(`5xx responses (other than SERVER_BUSY): ${fiveXx}`);
  const abuseHeld = !result.canary || (result.canary.latencyMs.p99 < CANARY_P99_MS && peakMb < ABUSED_RSS_MB);
  process.exitCode = fiveXx === 0 && endMb <= startMb * 1.5 && abuseHeld ? 0 : 1;
} finally {
  await api.stop();
  await graph.close();
}
