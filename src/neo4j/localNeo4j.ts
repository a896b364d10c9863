/**
 * Local Neo4j
 *
 * Builds (once) and starts the Java launcher in `neo4j-local/`: a real Neo4j Community DBMS
 * on 127.0.0.1, without auth. The build is skipped when its output is newer than its inputs,
 * so only the first start touches Maven. The child dies with this process: it is stopped on
 * exit and, if this process is killed outright, it stops itself when its stdin closes. A JVM
 * that dies on its own (killed, crashed) is reported to `onExit` listeners and can be started
 * again on the same port and data directory with `restart`, so a driver bound to its URI stays
 * valid; Neo4j recovers the store from its transaction log when it opens it again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort.js';

const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../neo4j-local');
const MAIN_CLASS = 'dev.drugfacts.neo4j.LocalNeo4j';
const READY = /^NEO4J_READY (\S+)/m;
/**
 * How long a stop may take before the launcher is killed outright. A clean stop takes one to
 * three seconds (the launcher trims Neo4j's shutdown waits), so this only ends a hung JVM; a
 * kill loses no committed data, Neo4j recovers from its transaction log on the next start.
 */
const STOP_GRACE_MS = 20_000;

/** Flags Neo4j's own start script passes on Java 17 for Netty and the page cache. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

const WAYS_OUT = 'install Java 17+ and Maven, or set NEO4J_URI to a running Neo4j, or run `docker compose up`';

export interface LocalNeo4jOptions {
  dataDir: string;
  /** Port for Bolt; a free one is picked when omitted. */
  port?: number;
  startupTimeoutMs?: number;
  javaCommand?: string;
  mavenCommand?: string;
  /** Java heap of the DBMS; a load is one transaction, so large loads need more. @default 768 */
  heapMb?: number;
  /** Neo4j page cache. @default 64 */
  pageCacheMb?: number;
  /** Receives the launcher's output lines (for logs). */
  onOutput?: (line: string) => void;
}

/** How a launcher JVM ended without being asked to. */
export interface LauncherExit {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LocalNeo4j {
  uri: string;
  /** The running JVM; a restart changes it. */
  readonly pid: number;
  /** Stops the JVM (and any restart under way); nothing is restarted after this. */
  stop(): Promise<void>;
  /** Starts the JVM again on the same port and data directory; resolves once Bolt is open. */
  restart(): Promise<void>;
  /** Calls `listener` each time the running JVM exits without `stop` having been called. */
  onExit(listener: (exit: LauncherExit) => void): void;
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const java = options.javaCommand ?? 'java';
  requireCommand(java, ['-version'], 'Java');
  buildLauncher(options.mavenCommand ?? 'mvn');
  const port = options.port ?? (await freePort());
  mkdirSync(options.dataDir, { recursive: true });
  const classpath = [join(LAUNCHER_DIR, 'target/classes'), join(LAUNCHER_DIR, 'target/lib/*')].join(':');
  const launch = () =>
    spawn(
      java,
      [
        `-Xmx${options.heapMb ?? 768}m`,
        ...JVM_FLAGS,
        '-cp',
        classpath,
        MAIN_CLASS,
        '--port',
        String(port),
        '--data',
        resolve(options.dataDir),
        '--page-cache-mb',
        String(options.pageCacheMb ?? 64),
        '--exit-on-stdin-close',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
  const startupTimeoutMs = options.startupTimeoutMs ?? 120_000;
  let child = launch();
  /** Set by `stop`: no restart after it. */
  let stopped = false;
  /** JVMs asked to stop, whose exit is no death. */
  const dismissed = new WeakSet<ChildProcess>();
  const listeners: ((exit: LauncherExit) => void)[] = [];
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  const dismiss = (jvm: ChildProcess) => {
    dismissed.add(jvm);
    return stopChild(jvm);
  };
  /** Reports the exit of a JVM that was serving, unless it was asked to stop. */
  const watch = (serving: ChildProcess) =>
    serving.once('exit', (code, signal) => {
      if (dismissed.has(serving)) return;
      for (const listener of listeners) listener({ pid: serving.pid!, code, signal });
    });
  const uri = await waitForReady(child, startupTimeoutMs, options.onOutput);
  watch(child);
  return {
    uri,
    get pid() {
      return child.pid!;
    },
    stop: async () => {
      stopped = true;
      process.removeListener('exit', stopOnExit);
      await dismiss(child);
    },
    restart: async () => {
      if (stopped) throw new LocalNeo4jError('the local Neo4j was stopped; it is not started again');
      await dismiss(child);
      child = launch();
      try {
        await waitForReady(child, startupTimeoutMs, options.onOutput);
      } catch (error) {
        if (!stopped) throw error;
      }
      // `stop` came while this JVM started: it has stopped it, and it stays stopped.
      if (stopped) throw new LocalNeo4jError('the local Neo4j was stopped while it started again');
      watch(child);
    },
    onExit: (listener) => {
      listeners.push(listener);
    },
  };
}

function requireCommand(command: string, args: string[], what: string): void {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  if (probe.error) {
    throw new LocalNeo4jError(`${what} is missing (\`${command}\` could not be run): ${WAYS_OUT}.`);
  }
}

function newestMtime(paths: string[]): number {
  return Math.max(...paths.map((p) => statSync(p).mtimeMs));
}

/** Runs `mvn package` unless the compiled launcher and its copied jars are newer than the sources. */
function buildLauncher(maven: string): void {
  const stamp = join(LAUNCHER_DIR, 'target/lib');
  const output = join(LAUNCHER_DIR, 'target/classes/dev/drugfacts/neo4j/LocalNeo4j.class');
  const inputs = [
    join(LAUNCHER_DIR, 'pom.xml'),
    join(LAUNCHER_DIR, 'src/main/java/dev/drugfacts/neo4j/LocalNeo4j.java'),
  ];
  if (existsSync(stamp) && existsSync(output) && newestMtime([stamp, output]) >= newestMtime(inputs)) return;
  requireCommand(maven, ['-v'], 'Maven');
  const build = spawnSync(maven, ['-B', '-q', 'package'], { cwd: LAUNCHER_DIR, encoding: 'utf8' });
  if (build.status !== 0) {
    const tail = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new LocalNeo4jError(`building the local Neo4j launcher failed (mvn package in ${LAUNCHER_DIR}):\n${tail}`);
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number, onOutput?: (line: string) => void): Promise<string> {
  return new Promise((resolveUri, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`the local Neo4j did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) onOutput?.(line);
      const ready = READY.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolveUri(ready[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`the local Neo4j could not be started: ${error.message}; ${WAYS_OUT}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`the local Neo4j exited (code ${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
