/**
 * Preloaded into the API process by `npm run soak` (NODE_OPTIONS=--import=...): measures how
 * long the event loop is held up (perf_hooks.monitorEventLoopDelay, 10 ms resolution) and writes
 * the figures since the previous line to EVENT_LOOP_PROBE_FILE every second, one JSON line each,
 * so the soak can tell what a cheap request waits behind on the server's one thread. Plain
 * JavaScript: it loads before tsx does.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setInterval } from 'node:timers';

const file = process.env.EVENT_LOOP_PROBE_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // The histogram holds the time between two samples: the resolution plus the delay.
  const ms = (ns) => Math.max(0, Math.round(ns / 1e5) / 10 - RESOLUTION_MS);
  const timer = setInterval(() => {
    appendFileSync(
      file,
      `${JSON.stringify({ at: Date.now(), p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) })}\n`,
    );
    histogram.reset();
  }, 1_000);
  timer.unref();
}
