/**
 * `npm run soak -- --mode connectionHog [--seconds 60] [--hog 600]`: one client (127.0.0.2)
 * holds as many idle connections as it can (600 asked, each opened again when the server closes
 * it) while another (127.0.0.1) asks for a drug one request at a time, each on a new connection.
 * Bound (issue 19): every canary request is answered 200 with its data.
 */
import { canary, fiveXx, summary } from '../soakClient.js';
import type { SoakMode } from '../soakMode.js';

const CANARY = '{ drug(name: "lioresal") { id name } }';

const mode: SoakMode = {
  description: 'a hog holding 600 idle connections from 127.0.0.2; a canary on 127.0.0.1 must always be answered',
  async run({ seconds, options, startApi, runLoad }) {
    const hogCount = Number(options.hog ?? 600);
    const api = await startApi();
    try {
      // Warm: the canary's document parsed and its answer cached, the first poll done.
      await canary(api.url, CANARY, Date.now() + 1_000);
      const loadStarted = Date.now();
      const deadline = loadStarted + seconds * 1000;
      const hogging = runLoad<{ mostHeld: number; closes: Record<string, number> }>('soakAbuse.ts', [
        ...['--kind', 'hog', '--count', String(hogCount), '--from', '127.0.0.2'],
        ...['--url', api.url, '--seconds', String(seconds)],
      ]);
      // The hog's connections open first.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const canaryTally = await canary(api.url, CANARY, deadline, { keepAlive: false, pauseMs: 50 });
      const hog = await hogging;
      const answers = summary(canaryTally);
      const failed = answers.requests - (answers.classes.ok ?? 0);
      return {
        figures: {
          canary: answers,
          refusals: hog.closes,
          fiveXx: fiveXx(answers.classes),
          rssPeakMb: api.peakRssMb(),
          eventLoop: api.eventLoop(loadStarted),
          hogConnectionsOpenAtOnce: hog.mostHeld,
        },
        failures: [
          ...(failed > 0 ? [`${failed} of ${answers.requests} canary requests were not answered with data`] : []),
          ...(answers.requests === 0 ? ['the canary sent no request'] : []),
        ],
      };
    } finally {
      await api.stop();
    }
  },
};

export default mode;
