/**
 * `npm run soak -- --mode costlyQueries [--seconds 60] [--clients 16]`: 16 clients, each from
 * its own address (127.0.1.1 ...), send issue 19's costly legal query (cost about 96,000, about
 * 600 KB of answer) one at a time, each with a new comment (scripts/soakAbuse.ts), while a
 * canary (127.0.0.1) asks for a drug one request at a time. Twice: with the response cache (the
 * canary's answer is cached) and with RESPONSE_CACHE=false (everything is read every time).
 * Bounds (issue 19): the canary's p99 under 150 ms cached and 300 ms uncached, every canary
 * request answered with data, and no 5xx but the expensive-work limit's SERVER_BUSY.
 */
import { canary, clientAgent, COSTLY_QUERY, fiveXx, post, summary, type Summary } from '../soakClient.js';
import type { SoakMode, SoakResult } from '../soakMode.js';

const CANARY = '{ drug(name: "lioresal") { id name } }';
const PHASES: { name: string; env: Record<string, string>; p99Ms: number }[] = [
  { name: 'cached', env: {}, p99Ms: 150 },
  { name: 'uncached', env: { RESPONSE_CACHE: 'false' }, p99Ms: 300 },
];

const mode: SoakMode = {
  description: '16 clients sending costly cache-busting queries; a canary p99 under 150 ms cached, 300 ms uncached',
  async run({ seconds, options, startApi, runLoad }) {
    const clients = Number(options.clients ?? 16);
    const results: SoakResult[] = [];
    for (const phase of PHASES) {
      const api = await startApi(phase.env);
      try {
        // Warm: Neo4j has planned the costly query's statements (a Neo4j just started took seconds
        // to), the canary's document is parsed, its answer cached (in the cached phase).
        const warming = clientAgent('127.0.0.1');
        await post(api.url, JSON.stringify({ query: COSTLY_QUERY }), warming);
        warming.destroy();
        await canary(api.url, CANARY, Date.now() + 1_000);
        const loadStarted = Date.now();
        const deadline = loadStarted + seconds * 1000;
        const load = runLoad<Summary>('soakAbuse.ts', [
          ...['--kind', 'costly', '--count', String(clients), '--from', '127.0.1.'],
          ...['--url', api.url, '--seconds', String(seconds)],
        ]);
        // The canary starts once the load is on.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const answers = summary(await canary(api.url, CANARY, deadline));
        const costly = await load;
        const { ok: _ok = 0, ...refusals } = costly.classes;
        const failed = answers.requests - (answers.classes.ok ?? 0);
        const { p99 } = answers.latencyMs;
        results.push({
          figures: {
            phase: phase.name,
            canary: answers,
            refusals,
            fiveXx: fiveXx(answers.classes) + fiveXx(costly.classes, ['SERVER_BUSY']),
            rssPeakMb: api.peakRssMb(),
            eventLoop: api.eventLoop(loadStarted),
            costly: { answered: costly.classes.ok ?? 0, requests: costly.requests, latencyMs: costly.latencyMs },
          },
          failures: [
            ...(p99 >= phase.p99Ms ? [`the canary's p99 was ${p99} ms (${phase.name}), over ${phase.p99Ms} ms`] : []),
            ...(failed > 0 ? [`${failed} of ${answers.requests} canary requests were not answered with data`] : []),
            ...(fiveXx(costly.classes, ['SERVER_BUSY']) > 0
              ? ['the costly clients got 5xx other than SERVER_BUSY']
              : []),
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
