/**
 * The release written at start-up
 *
 * `npm start` writes the release of the data version it loaded (bin/release.ts, which never
 * reloads the graph here) as the API starts, in a child process of its own: the API answers meanwhile, a release that fails is logged
 * and leaves the API as it was, and its memory (JSON-LD is built whole) is never the API's or
 * the supervisor's. A release already written is verified and left as it is. Stopping `npm start`
 * stops the child too.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const SCRIPT = fileURLToPath(new URL('../../bin/release.ts', import.meta.url));
/** Heap for building the JSON-LD of the largest graph the project loads (the full datasets). */
const HEAP_MB = 1024;

export interface BackgroundRelease {
  /** Stops the child if it is still writing; it removes its partial files (nothing half-written is ever in place). */
  stop(): void;
}

export function writeReleaseInBackground(env: Record<string, string | undefined>, log: Pick<Logger, 'info' | 'warn'>) {
  const child: ChildProcess = fork(SCRIPT, [], {
    env,
    execArgv: [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let stopped = false;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('exit', (code, signal) => {
    const last = output.trim().split('\n').pop() ?? '';
    if (code === 0) log.info(`release: ${last}`);
    else if (!stopped) log.warn({ code, signal, output: output.slice(-2_000) }, `release failed: ${last}`);
  });
  const stop = () => {
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  return { stop } satisfies BackgroundRelease;
}
