/**
 * `npm run soak -- --mode cacheBusting [--seconds 60] [--clients 1,8] [--vary comment]`
 *
 * Issue 19's crash: clients sending, each one request at a time, 15 aliases of `facts(first:
 * 100)` with citations (cost 97,530, under MAX_COST; an answer of 685 KB on the seed data), every
 * request made new so that a response cache keyed on the document's text keeps every answer.
 * One phase per number of clients in `--clients` (each client from its own address, 127.0.2.1
 * ...), each on a fresh API process for `--seconds`. How each request is made new (`--vary`,
 * comma-separated for several phases each):
 * - `comment`: a fresh `# comment`, as the issue sent it. The cache is keyed on the normalised
 *   operation, so from the second request on these are answered from the cache.
 * - `order`: the aliases in another order. The answer's keys follow the document's order, so it
 *   is a new answer, but it replaces the one of the previous order instead of adding an entry.
 * - `alias`: fresh alias names. Each answer is really new and is kept: this one fills the cache
 *   up to its budget, and tests that the budget holds.
 * Bounds (issue 19): every request answered (a refusal with a code is fine; no 5xx but
 * SERVER_BUSY, no connection refused or reset), the API process's RSS under the budget in the
 * README's limits table, and the same API process from start to end (no restart was needed).
 */
import { apiProcessOf } from '../apiProcess.js';
import { clientAgent, count, fiveXx, post, summary, tally } from '../soakClient.js';
import type { SoakMode, SoakResult } from '../soakMode.js';

/** The README's RSS budget for the API process (its limits table, "API memory"). */
export const RSS_BUDGET_MB = 350;

export type CacheBustingVariation = 'comment' | 'order' | 'alias';

export const CACHE_BUSTING_VARIATIONS: readonly CacheBustingVariation[] = ['comment', 'order', 'alias'];

const ALIASES = 15;
const FACTS =
  'facts(first: 100) { totalCount edges { cursor node { id subject predicate object value unit ' +
  'citations { id statement url section hedge reading } } } }';

/** The `n`th request's document. */
export function cacheBustingQuery(n: number, variation: CacheBustingVariation = 'comment'): string {
  const names = Array.from({ length: ALIASES }, (_, i) => (variation === 'alias' ? `f${i}_${n}` : `f${i}`));
  if (variation === 'order') {
    const shift = n % ALIASES;
    names.push(...names.splice(0, shift));
  }
  const body = `{ ${names.map((name) => `${name}: ${FACTS}`).join(' ')} }`;
  return variation === 'comment' ? `${body}\n# request ${n} ${Date.now()}` : body;
}

const mode: SoakMode = {
  description:
    'clients sending the 15-alias facts query, each request new; answered throughout, RSS under budget, no restart',
  async run({ seconds, options, startApi }) {
    const phases = String(options.clients ?? '1,8')
      .split(',')
      .map(Number);
    const variations = String(options.vary ?? 'comment').split(',') as CacheBustingVariation[];
    for (const variation of variations) {
      if (!CACHE_BUSTING_VARIATIONS.includes(variation)) {
        throw new Error(`--vary ${variation}: one of ${CACHE_BUSTING_VARIATIONS.join(', ')}`);
      }
    }
    const results: SoakResult[] = [];
    for (const variation of variations) {
      for (const clients of phases) {
        const api = await startApi();
        try {
          const apiPids = new Set<number>();
          const watch = setInterval(() => {
            const pid = apiProcessOf(api.pid);
            if (pid !== undefined) apiPids.add(pid);
          }, 1_000);
          const t = tally();
          let n = 0;
          const deadline = Date.now() + seconds * 1000;
          const client = async (address: string) => {
            const agent = clientAgent(address);
            try {
              while (Date.now() < deadline) {
                const answer = await post(api.url, JSON.stringify({ query: cacheBustingQuery(n++, variation) }), agent);
                t.latencies.push(answer.ms);
                count(t, answer.kind);
                if (answer.retryAfterMs > 0) await new Promise((r) => setTimeout(r, answer.retryAfterMs));
                // A client whose connection failed does not spin.
                else if (answer.status === 0) await new Promise((r) => setTimeout(r, 250));
              }
            } finally {
              agent.destroy();
            }
          };
          await Promise.all(Array.from({ length: clients }, (_, i) => client(`127.0.2.${i + 1}`)));
          clearInterval(watch);
          const answers = summary(t);
          const { ok = 0, ...refusals } = answers.classes;
          const unanswered = Object.entries(answers.classes)
            .filter(([kind]) => kind.startsWith('network'))
            .reduce((sum, [, v]) => sum + v, 0);
          const rssPeakMb = api.peakRssMb();
          const serverErrors = fiveXx(answers.classes, ['SERVER_BUSY']);
          results.push({
            figures: {
              phase: `${clients} client${clients === 1 ? '' : 's'}, new ${variation} each request`,
              refusals,
              fiveXx: serverErrors,
              rssPeakMb,
              eventLoop: api.eventLoop(),
              answered: { ok, requests: answers.requests, latencyMs: answers.latencyMs },
              apiProcesses: apiPids.size,
            },
            failures: [
              ...(unanswered > 0 ? [`${unanswered} requests got no answer (connection refused or reset)`] : []),
              ...(serverErrors > 0 ? [`${serverErrors} answers were 5xx other than SERVER_BUSY`] : []),
              ...(rssPeakMb >= RSS_BUDGET_MB
                ? [`the API's RSS peaked at ${rssPeakMb} MB, over ${RSS_BUDGET_MB} MB`]
                : []),
              ...(apiPids.size > 1 ? [`the API process was restarted (${apiPids.size} processes served)`] : []),
            ],
          });
        } finally {
          await api.stop();
        }
      }
    }
    return results;
  },
};

export default mode;
