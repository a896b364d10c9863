/**
 * Child processes for start-up tests: run a project command, collect its output, wait for a
 * line or its exit, and list the Java processes a pid started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function runProject(script: string, env: Record<string, string | undefined>, args: string[] = []): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export { freePort } from '../../src/neo4j/freePort.js';

/** Pids of running local-Neo4j JVMs whose parent is `parentPid`. */
export function launcherChildrenOf(parentPid: number): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([, ppid, ...args]) => Number(ppid) === parentPid && args.join(' ').includes('dev.drugfacts.neo4j.LocalNeo4j'),
    )
    .map(([pid]) => Number(pid));
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
