/**
 * One load run (bench/load.ts) in a process of its own: its pid, for reading its CPU time, and
 * the measurement it prints when it ends.
 */
import { spawn } from 'node:child_process';
import type { Measurement } from './load.js';
import type { Target } from './workloads.js';

export interface LoadRun {
  target: Target;
  workload: string;
  url: string;
  seconds: string;
  connections: string;
}

export function startLoad(run: LoadRun, env: Record<string, string>): { pid: number; done: Promise<Measurement> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/load.ts',
      '--target',
      run.target,
      '--workload',
      run.workload,
      '--url',
      run.url,
      '--seconds',
      run.seconds,
      '--connections',
      run.connections,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = new Promise<Measurement>((resolveRun, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolveRun(JSON.parse(text.trim().split('\n').pop()!) as Measurement)
        : reject(new Error(`load exited ${code}`)),
    ),
  );
  return { pid: child.pid!, done };
}
