/**
 * The API in a process of its own, as `npm start` runs it in production, for the soak and the
 * benchmark: started on a free port against a given Neo4j (no seeding), ready when /ready says
 * so, and measurable (resident memory from /proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Connection } from '../src/neo4j/database.js';
import { freePort } from '../src/neo4j/freePort.js';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Resident memory in MB of the API: of process `pid`, or, when `pid` is `npm start`'s supervisor
 * (bin/start.ts), of the API process it runs (bin/serve.ts).
 */
export function rssMb(pid: number): number {
  const api = apiProcessOf(pid) ?? pid;
  const match = readFileSync(`/proc/${api}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : NaN;
}

/** The pid of the API process (bin/serve.ts) that `pid` supervises, if any runs. */
export function apiProcessOf(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean);
    return children
      .map(Number)
      .find((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('bin/serve.ts'));
  } catch {
    return undefined;
  }
}

export function neo4jEnv(connection: Connection): Record<string, string> {
  return {
    NEO4J_URI: connection.uri,
    NEO4J_USER: connection.user,
    NEO4J_PASSWORD: connection.password,
    NEO4J_DATABASE: connection.database,
  };
}

/**
 * The Node options `npm start` gives the API (its heap ceiling), read from package.json so
 * that the soak and the benchmark measure the process users run.
 */
export function startNodeOptions(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  return scripts.start!.split(/\s+/).filter((word) => word.startsWith('--max-'));
}

export async function startProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  nodeOptions: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(readyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (child.exitCode !== null || i > 480) throw new Error(`${script} did not become ready`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** `nodeOptions` are added to `npm start`'s; the supervisor passes them on to the API process. */
export async function startApiProcess(
  connection: Connection,
  env: Record<string, string> = {},
  nodeOptions: string[] = [],
): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const child = await startProcess(
    'bin/start.ts',
    [],
    {
      ...neo4jEnv(connection),
      PORT: String(port),
      NODE_ENV: 'production',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    url,
    [...startNodeOptions(), ...nodeOptions],
  );
  return { child, url, stop: () => stopProcess(child) };
}
