/**
 * The abusive clients of `npm run soak`'s modes, in a process of their own so that their work
 * does not delay the canary that measures the server. Prints one JSON line when done.
 *
 * `--kind hog --count 600 --from 127.0.0.2`: COUNT connections from one address that never send
 * a request, each opened again 50 ms after the server closes it (issue 19's hog re-opened its
 * connections as the header timeout closed them). Reports the most it had open at once (refused
 * ones count until the server closes them) and what the server said when it closed one (its
 * status and code, or nothing).
 *
 * `--kind costly --count 16 --from 127.0.1.`: COUNT clients, each from its own address (the
 * prefix followed by 1, 2, ...), each sending issue 19's costly legal query (15 aliases of
 * `facts(first: 100)` with citations: cost about 96,000, an answer of about 600 KB) one at a
 * time, with a new comment at the end of every one (new text: the parse cache misses, and so
 * would a response cache keyed on the text; ours keys on the normalised operation), coming back
 * when `Retry-After` says after a refusal.
 */
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { clientAgent, COSTLY_QUERY, count, post, summary, tally, type Tally } from './soakClient.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    seconds: { type: 'string' },
    kind: { type: 'string' },
    count: { type: 'string' },
    from: { type: 'string' },
  },
});
const url = new URL(values.url!);
const deadline = Date.now() + Number(values.seconds ?? 60) * 1000;
const clients = Number(values.count ?? 1);

/** What a closing server wrote first: `HTTP/1.1 429 ...{"errors":[{..."code":"X"}]}` -> `http 429 X`. */
function closing(text: string): string {
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
  if (!status) return text.length === 0 ? 'closed without an answer' : 'closed with something else';
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
  return `http ${status}${code ? ` ${code}` : ''}`;
}

async function hog(from: string): Promise<{ mostHeld: number; closes: Record<string, number> }> {
  const closes = tally();
  let held = 0;
  let mostHeld = 0;
  const open = () =>
    new Promise<void>((slotDone) => {
      const loop = () => {
        if (Date.now() >= deadline) return slotDone();
        let said = '';
        let connected = false;
        const socket = connect({ host: url.hostname, port: Number(url.port), localAddress: from });
        socket.setTimeout(Math.max(1, deadline - Date.now()), () => socket.destroy());
        socket.on('connect', () => {
          connected = true;
          mostHeld = Math.max(mostHeld, ++held);
        });
        socket.on('data', (chunk: Buffer) => (said += chunk.toString()));
        socket.on('error', (error: NodeJS.ErrnoException) => (said ||= `network ${error.code ?? error.message}`));
        socket.on('close', () => {
          if (connected) held--;
          if (Date.now() < deadline) count(closes, said.startsWith('network') ? said : closing(said));
          setTimeout(loop, 50);
        });
      };
      loop();
    });
  await Promise.all(Array.from({ length: clients }, open));
  return { mostHeld, closes: closes.classes };
}

async function costly(prefix: string): Promise<Tally> {
  const t = tally();
  let nonce = 0;
  const client = async (address: string) => {
    const agent = clientAgent(address);
    try {
      while (Date.now() < deadline) {
        const answer = await post(url.href, JSON.stringify({ query: `${COSTLY_QUERY}\n# ${nonce++}` }), agent);
        t.latencies.push(answer.ms);
        count(t, answer.kind);
        // A legal client comes back when `Retry-After` says.
        if (answer.retryAfterMs > 0) await new Promise((r) => setTimeout(r, answer.retryAfterMs));
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(`${prefix}${i + 1}`)));
  return t;
}

if (values.kind === 'hog') {
  console.log(JSON.stringify(await hog(values.from ?? '127.0.0.2')));
} else if (values.kind === 'costly') {
  console.log(JSON.stringify(summary(await costly(values.from ?? '127.0.1.'))));
} else {
  throw new Error(`unknown --kind ${values.kind}: hog or costly`);
}
