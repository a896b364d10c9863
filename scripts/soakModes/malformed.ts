/**
 * `npm run soak -- --mode malformed [--seconds 60] [--hostile 8]`: hostile requests as fast
 * as they are answered, from `--hostile` connections on 127.0.0.3, in two phases against a fresh
 * API process each (as `npm start` runs it, at its default log level, its log counted):
 * - `flood`: requests whose Host header is not host[:port], pipelined (issue 19's 11.8 MB of
 *   log in 5 s);
 * - `variables`: POSTs whose variables are nested 10,000 deep and GETs whose variables are not
 *   JSON (issue 19's 500s).
 * Meanwhile a canary on 127.0.0.1 asks for a drug one request at a time. Bounds (issue 19): the
 * log grows by under 100 KB a minute of either, every hostile request is answered 4xx with a
 * code (no 5xx), and every canary request is answered with data.
 *
 * The API is started here rather than through the soak's `startApi`, which leaves the server's
 * output on the terminal: this mode must count its bytes.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { freePort } from '../../src/neo4j/freePort.js';
import type { Connection } from '../../src/neo4j/database.js';
import { neo4jEnv, rssMb, startNodeOptions, stopProcess } from '../apiProcess.js';
import { canary, count, fiveXx, summary, tally, type Tally } from '../soakClient.js';
import type { SoakMode, SoakResult } from '../soakMode.js';

const CANARY = '{ drug(name: "lioresal") { id name } }';
const HOSTILE_ADDRESS = '127.0.0.3';
/** Issue 19's bound: a minute of flood adds under this much log. */
const LOG_BYTES_PER_MINUTE = 100_000;
/** Requests written at once on a flood connection before reading their answers. */
const PIPELINED = 50;

/** `http <status> <code>` for each answer in raw HTTP/1.1 text (bodies are small JSON). */
function classify(text: string, into: Tally): number {
  const answers = text.split(/(?=HTTP\/1\.1 \d{3} )/).filter((part) => part.startsWith('HTTP/1.1 '));
  for (const answer of answers) {
    const status = answer.slice(9, 12);
    count(into, `http ${status} ${/"code":"([A-Z_]+)"/.exec(answer)?.[1] ?? 'NO_CODE'}`);
  }
  return answers.length;
}

/**
 * Until `deadline`, `connections` connections from `localAddress` each write PIPELINED requests
 * with a malformed Host header and read their answers, again and again.
 */
export async function malformedFlood(
  url: string,
  deadline: number,
  options: { connections: number; localAddress: string },
): Promise<Tally> {
  const { hostname, port, pathname } = new URL(url);
  const batch = `GET ${pathname} HTTP/1.1\r\nHost: a b\r\n\r\n`.repeat(PIPELINED);
  const answers = tally();
  const flood = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port), localAddress: options.localAddress });
      let pending = '';
      let awaited = 0;
      const next = () => {
        if (Date.now() >= deadline) return void socket.end();
        awaited = PIPELINED;
        socket.write(batch);
      };
      socket.on('connect', next);
      socket.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        // Whole answers only: the last may still be arriving.
        const cut = pending.lastIndexOf('}]}');
        if (cut < 0) return;
        awaited -= classify(pending.slice(0, cut + 3), answers);
        pending = pending.slice(cut + 3);
        if (awaited <= 0) next();
      });
      socket.on('error', (error) => count(answers, `network ${error.message}`));
      socket.on('close', () => resolve());
    });
  // A connection the server closes is opened again until the deadline.
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < deadline) await flood();
    }),
  );
  return answers;
}

/** One request through a keep-alive agent, classified as `http <status> <code>` or `ok`. */
function send(url: string, init: { method: 'GET' | 'POST'; body?: string }, agent: Agent): Promise<string> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(init.body);
    }
    const req = request(url, { method: init.method, agent, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
        resolve(status < 400 && !code ? 'ok' : `http ${status} ${code ?? 'NO_CODE'}`);
      });
    });
    req.on('error', (error) => resolve(`network ${error.message}`));
    req.end(init.body);
  });
}

/**
 * Until `deadline`, `connections` clients from `localAddress` alternate a POST whose variables
 * are nested 10,000 deep and a GET whose variables are `{not`.
 */
export async function deepVariables(
  url: string,
  deadline: number,
  options: { connections: number; localAddress: string },
): Promise<Tally> {
  const deep = `{"query":"query($a: [[Int]]) { meta { dataVersion } }","variables":{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
  const notJson = `${url}?query=${encodeURIComponent('{ meta { dataVersion } }')}&variables={not`;
  const answers = tally();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const agent = new Agent({
        keepAlive: true,
        maxSockets: 1,
        localAddress: options.localAddress,
      } as ConstructorParameters<typeof Agent>[0]);
      try {
        for (let i = 0; Date.now() < deadline; i++) {
          count(
            answers,
            await send(i % 2 ? notJson : url, i % 2 ? { method: 'GET' } : { method: 'POST', body: deep }, agent),
          );
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return answers;
}

/** The API as `npm start` runs it, at its default log level, with the bytes it logs counted. */
async function startLoggedApi(connection: Connection) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const child = spawn(process.execPath, [...startNodeOptions(), '--import', 'tsx', 'bin/start.ts'], {
    env: {
      ...process.env,
      ...neo4jEnv(connection),
      PORT: String(port),
      NODE_ENV: 'production',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let logBytes = 0;
  child.stdout.on('data', (chunk: Buffer) => (logBytes += chunk.length));
  for (let i = 0; ; i++) {
    const ready = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || i > 480) throw new Error('the API did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  let peak = rssMb(child.pid!);
  const sampling = setInterval(() => {
    if (child.exitCode === null) peak = Math.max(peak, rssMb(child.pid!));
  }, 250);
  return {
    url,
    logBytes: () => logBytes,
    peakRssMb: () => peak,
    stop: async () => {
      clearInterval(sampling);
      await stopProcess(child);
    },
  };
}

const PHASES = { flood: malformedFlood, variables: deepVariables };

const mode: SoakMode = {
  description:
    'malformed Hosts and deep or broken variables, flooded: under 100 KB of log a minute, all 4xx with a code',
  async run({ seconds, options, connection }) {
    const connections = Number(options.hostile ?? 8);
    const results: SoakResult[] = [];
    for (const [phase, load] of Object.entries(PHASES)) {
      const api = await startLoggedApi(connection);
      try {
        await canary(api.url, CANARY, Date.now() + 1_000);
        const before = api.logBytes();
        const deadline = Date.now() + seconds * 1000;
        const [hostile, canaryTally] = await Promise.all([
          load(api.url, deadline, { connections, localAddress: HOSTILE_ADDRESS }),
          canary(api.url, CANARY, deadline),
        ]);
        // Stopping writes the counts still pending, as any shutdown does: they are part of it.
        await api.stop();
        const logBytes = api.logBytes() - before;
        const answers = summary(canaryTally);
        const { ok: hostileOk = 0, ...refusals } = hostile.classes;
        const uncoded = Object.entries(refusals)
          .filter(([kind]) => !/^http 4\d\d [A-Z_]+$/.test(kind) || kind.endsWith('NO_CODE'))
          .reduce((n, [, v]) => n + v, 0);
        const hostileRequests = Object.values(hostile.classes).reduce((n, v) => n + v, 0);
        const bound = LOG_BYTES_PER_MINUTE * Math.max(1, seconds / 60);
        const failedCanary = answers.requests - (answers.classes.ok ?? 0);
        results.push({
          figures: {
            phase,
            canary: answers,
            refusals,
            fiveXx: fiveXx(hostile.classes) + fiveXx(answers.classes),
            rssPeakMb: api.peakRssMb(),
            hostileRequests,
            logBytes,
          },
          failures: [
            ...(logBytes >= bound
              ? [`${hostileRequests} hostile requests in ${seconds} s logged ${logBytes} bytes`]
              : []),
            ...(hostileOk + uncoded > 0
              ? [`${hostileOk + uncoded} hostile requests were not refused 4xx with a code`]
              : []),
            ...(fiveXx(hostile.classes) > 0 ? [`${fiveXx(hostile.classes)} hostile requests were answered 5xx`] : []),
            ...(failedCanary > 0 ? [`${failedCanary} of ${answers.requests} canary requests were not answered`] : []),
            ...(hostileRequests === 0 ? ['no hostile request was answered'] : []),
          ],
        });
      } finally {
        await api.stop();
      }
    }
    return results;
  },
};

export default mode;
