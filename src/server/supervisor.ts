/**
 * Supervisor
 *
 * Runs a script (the API: bin/serve.ts) in a child process and starts it again when it dies,
 * the way `npm start` keeps a local Neo4j running (src/neo4j/ensureNeo4j.ts): one error line
 * for the death, one line when the new child is ready. A process that V8 ends for lack of heap
 * cannot be saved from inside; from outside it costs the requests it was serving and a second
 * or two of refused connections while the new one starts.
 *
 * The child says it is ready (listening) with an IPC message `{ ready: true }`. Waits double
 * while children keep dying soon after they start, from `firstDelayMs` up to `maxDelayMs`, and
 * go back to `firstDelayMs` after a child that lasted `stableMs`. A child that dies before it is
 * ready `maxAttempts` times in a row will not start (a port in use, a broken install):
 * `onGiveUp` is called so that the caller exits non-zero for whatever supervises it. A child that
 * was ready is always started again, however often it dies.
 *
 * `stop` sends the child SIGTERM (it drains its requests and exits), waits for it, and kills it
 * after `stopTimeoutMs`. The child should exit when its IPC channel closes, so that a supervisor
 * killed outright leaves no child behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';

export interface SupervisorOptions {
  /** The script the child runs. */
  script: string;
  /** The child's environment. */
  env: Record<string, string | undefined>;
  /** The child's Node options (its heap limit among them). @default this process's, without --inspect */
  execArgv?: string[];
  /** What the child is, in log lines. @default "the API process" */
  name?: string;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Called, with the reason, when children keep dying before they are ready. */
  onGiveUp: (reason: string) => void;
  /** Wait before starting a child again, doubled while children keep dying soon. @default 250 */
  firstDelayMs?: number;
  /** Longest wait before starting a child again. @default 30000 */
  maxDelayMs?: number;
  /** Children in a row that die before they are ready before giving up. @default 5 */
  maxAttempts?: number;
  /** A child that lives this long brings the wait back to `firstDelayMs`. @default 60000 */
  stableMs?: number;
  /** How long a child may take to stop after SIGTERM before it is killed. @default 30000 */
  stopTimeoutMs?: number;
}

export interface Supervisor {
  /** The pid of the running child, if one runs. */
  readonly pid: number | undefined;
  /** Whether the running child said it is ready. */
  readonly ready: boolean;
  /** Times a child was started again after dying. */
  readonly restarts: number;
  /** Stops the child (and any restart to come). */
  stop(): Promise<void>;
}

export function supervise(options: SupervisorOptions): Supervisor {
  const firstDelayMs = options.firstDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const stableMs = options.stableMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  const name = options.name ?? 'the API process';
  const execArgv = options.execArgv ?? process.execArgv.filter((arg) => !arg.startsWith('--inspect'));
  const { log } = options;

  let child: ChildProcess | undefined;
  let childReady = false;
  let stopping = false;
  let restarts = 0;
  /** Children in a row that died before they were ready. */
  let failedStarts = 0;
  /** Children in a row that died within `stableMs` of starting. */
  let quickDeaths = 0;
  let timer: NodeJS.Timeout | undefined;

  function start(): void {
    const started = Date.now();
    let ready = false;
    const current = fork(options.script, [], { env: options.env, execArgv, stdio: 'inherit' });
    child = current;
    childReady = false;
    current.on('message', (message: unknown) => {
      if (ready || (message as { ready?: unknown } | null)?.ready !== true) return;
      ready = true;
      childReady = child === current;
      failedStarts = 0;
      if (restarts > 0) {
        log.info(
          { childPid: current.pid, startMs: Date.now() - started, restart: restarts },
          `${name} runs again (pid ${current.pid}, restart ${restarts})`,
        );
      }
    });
    // A child that cannot be spawned at all also ends in 'exit' (code null), or only in 'error'.
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = true;
      if (child === current) {
        child = undefined;
        childReady = false;
      }
      if (stopping) return;
      const lived = Date.now() - started;
      quickDeaths = lived < stableMs ? quickDeaths + 1 : 0;
      if (!ready) failedStarts++;
      // Not `pid`: the logger's own `pid` field is this process's.
      const death = { childPid: current.pid, code, signal, livedMs: lived };
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (failedStarts >= maxAttempts) {
        const reason = `${name} did not start ${maxAttempts} times in a row (last: ${how})`;
        log.error(death, reason);
        options.onGiveUp(reason);
        return;
      }
      const wait = Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, quickDeaths - 1));
      log.error(
        { ...death, restartInMs: wait },
        `${name} ${ready ? 'died' : 'did not start'} (pid ${current.pid}, ${how}); starting it again in ${wait} ms`,
      );
      timer = setTimeout(() => {
        if (stopping) return;
        restarts++;
        start();
      }, wait);
    };
    current.once('exit', onEnd);
    current.once('error', (error) => {
      log.warn({ err: error }, `${name} could not be run`);
      onEnd(null, null);
    });
  }

  start();
  return {
    get pid() {
      return child?.pid;
    },
    get ready() {
      return childReady;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => running.kill('SIGKILL'), stopTimeoutMs);
        running.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        running.kill('SIGTERM');
      });
    },
  };
}
