/**
 * Ensure a Neo4j
 *
 * Gives the caller a reachable Neo4j: the one NEO4J_URI names (nothing is started), or else a
 * local one started from `neo4j-local/`. It returns once `verifyConnectivity` succeeds, and the
 * returned `stop` stops only what it started. `keepLocalNeo4jRunning` restarts a local Neo4j
 * that dies, with backoff, and gives up (so that the caller exits) when restarts keep failing.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { Database, type Connection } from './database.js';
import { DatabaseError } from './errors.js';
import { startLocalNeo4j, type LauncherExit, type LocalNeo4j } from './localNeo4j.js';

export interface EnsuredNeo4j {
  connection: Connection;
  /** The launcher this call started, if any. */
  local?: LocalNeo4j;
  stop(): Promise<void>;
}

export type Neo4jSettings = Pick<
  Config,
  | 'NEO4J_URI'
  | 'NEO4J_USER'
  | 'NEO4J_PASSWORD'
  | 'NEO4J_DATABASE'
  | 'NEO4J_LOCAL_DATA_DIR'
  | 'NEO4J_LOCAL_JAVA'
  | 'NEO4J_LOCAL_MAVEN'
  | 'NEO4J_STARTUP_TIMEOUT_MS'
> & { onOutput?: (line: string) => void };

export async function ensureNeo4j(settings: Neo4jSettings): Promise<EnsuredNeo4j> {
  const credentials = {
    user: settings.NEO4J_USER,
    password: settings.NEO4J_PASSWORD,
    database: settings.NEO4J_DATABASE,
  };
  if (settings.NEO4J_URI) {
    const connection = { uri: settings.NEO4J_URI, ...credentials };
    await waitUntilReachable(connection, settings.NEO4J_STARTUP_TIMEOUT_MS, 'NEO4J_URI');
    return { connection, stop: async () => {} };
  }
  const local = await startLocalNeo4j({
    dataDir: settings.NEO4J_LOCAL_DATA_DIR,
    startupTimeoutMs: settings.NEO4J_STARTUP_TIMEOUT_MS,
    javaCommand: settings.NEO4J_LOCAL_JAVA,
    mavenCommand: settings.NEO4J_LOCAL_MAVEN,
    onOutput: settings.onOutput,
  });
  const connection = { uri: local.uri, ...credentials };
  try {
    await waitUntilReachable(connection, settings.NEO4J_STARTUP_TIMEOUT_MS, 'the local Neo4j');
  } catch (error) {
    await local.stop();
    throw error;
  }
  return { connection, local, stop: () => local.stop() };
}

async function waitUntilReachable(connection: Connection, timeoutMs: number, what: string): Promise<void> {
  const database = new Database(connection, { queryTimeoutMs: 5_000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await database.verify();
        return;
      } catch (error) {
        const retriable = error instanceof DatabaseError && error.code === 'SERVICE_UNAVAILABLE';
        if (!retriable || Date.now() > deadline) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new DatabaseError(
            'SERVICE_UNAVAILABLE',
            `${what} (${connection.uri}) is unreachable: ${reason}. Start Neo4j with \`npm run neo4j\`, or unset NEO4J_URI to let the API start one, or fix NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD.`,
            { cause: error },
          );
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await database.close();
  }
}

export interface KeepRunningOptions {
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Called, with the reason, when restarts keep failing; the caller should exit non-zero. */
  onGiveUp: (reason: string) => void;
  /** Wait before the first restart, doubled after each restart that fails or does not last. @default 1000 */
  firstDelayMs?: number;
  /** Longest wait between restarts. @default 30000 */
  maxDelayMs?: number;
  /** Restarts in a row that fail, or die within `stableMs`, before giving up. @default 5 */
  maxAttempts?: number;
  /** A restarted Neo4j that stays up this long starts the count afresh. @default 60000 */
  stableMs?: number;
}

/**
 * Restarts `local` on its port and data directory whenever its JVM dies: one error line for the
 * death, a warning per failed attempt, one line when it runs again. Until then the API answers
 * SERVICE_UNAVAILABLE and `/ready` 503. `stop` ends the watch (before stopping `local`).
 */
export function keepLocalNeo4jRunning(local: LocalNeo4j, options: KeepRunningOptions): { stop(): void } {
  const firstDelayMs = options.firstDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const stableMs = options.stableMs ?? 60_000;
  const { log } = options;
  let attempts = 0;
  let upSince = Date.now();
  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const delay = () => Math.min(maxDelayMs, firstDelayMs * 2 ** attempts);

  async function recover(exit: LauncherExit): Promise<void> {
    if (stopped) return;
    if (Date.now() - upSince >= stableMs) attempts = 0;
    const died = `the local Neo4j died (pid ${exit.pid}, ${exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`})`;
    // Not `pid`: the logger's own `pid` field is this process's.
    const death = { neo4jPid: exit.pid, code: exit.code, signal: exit.signal };
    for (let failure: string | null = null; ;) {
      if (attempts >= maxAttempts) {
        const reason = `the local Neo4j did not stay up through ${maxAttempts} restarts in a row`;
        if (failure === null) log.error(death, `${died}; ${reason}`);
        options.onGiveUp(reason);
        return;
      }
      const wait = delay();
      if (failure === null) log.error({ ...death, restartInMs: wait }, `${died}; restarting it in ${wait} ms`);
      else {
        log.warn(
          { attempt: attempts, retryInMs: wait, reason: failure },
          `restarting the local Neo4j failed (attempt ${attempts}); next attempt in ${wait} ms`,
        );
      }
      attempts++;
      await sleep(wait);
      if (stopped) return;
      const started = Date.now();
      try {
        await local.restart();
        upSince = Date.now();
        log.info(
          { neo4jPid: local.pid, restartMs: upSince - started, attempt: attempts },
          `the local Neo4j runs again (pid ${local.pid}, restart ${attempts})`,
        );
        return;
      } catch (error) {
        if (stopped) return;
        failure = error instanceof Error ? error.message : String(error);
      }
    }
  }

  local.onExit((exit) => void recover(exit));
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
    },
  };
}
