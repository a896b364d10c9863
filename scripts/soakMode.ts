/**
 * Soak modes
 *
 * `npm run soak -- --mode NAME` runs the mode in `scripts/soakModes/NAME.ts`: one kind of load
 * or abuse, against API processes started as `npm start` runs them (NODE_ENV=production, its
 * heap ceiling) on one loaded Neo4j. A mode file's default export is a `SoakMode`; adding a
 * file adds a mode (`--mode list` lists them). Every mode reports the same figures (a canary's
 * latency, refusals by code, 5xx answers, the server's RSS peak and event-loop delay) and the
 * bounds it missed; the soak exits 1 when it missed any.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Connection } from '../src/neo4j/database.js';
import { rssMb, startApiProcess, type ApiProcess } from './apiProcess.js';
import type { Summary } from './soakClient.js';

/** An API process being measured: its RSS sampled every 250 ms, its event-loop delay every second. */
export interface MeasuredApi extends ApiProcess {
  pid: number;
  /** Highest RSS seen so far, in MB. */
  peakRssMb(): number;
  /**
   * The event loop's delay from `since` (Date.now(); by default, from when the API was ready, so
   * that start-up's compiling is left out) to now: the worst second's p99 and the longest stall, in ms.
   */
  eventLoop(since?: number): { worstP99Ms: number; maxMs: number };
}

export interface SoakContext {
  /** Seconds of load each phase of a mode runs for (`--seconds`). */
  seconds: number;
  /** The soak's other options (`--hog 600` is `{ hog: '600' }`), for the mode to read. */
  options: Record<string, string | undefined>;
  /** The loaded Neo4j the API processes read. */
  connection: Connection;
  /** Starts an API process with these settings on top of `npm start`'s; the mode stops it. */
  startApi(env?: Record<string, string>): Promise<MeasuredApi>;
  /** Runs `script` (under scripts/) in a process of its own; resolves with the JSON of its last line. */
  runLoad<T>(script: string, args: string[]): Promise<T>;
}

/** What every mode reports, plus whatever else it measured. */
export interface SoakFigures {
  /** The canary's answers and latency, when the mode has one. */
  canary?: Summary;
  /** Refusals answered to the abusive side, by status and code. */
  refusals: Record<string, number>;
  /** 5xx answers that are not an expected refusal (SERVER_BUSY). */
  fiveXx: number;
  rssPeakMb: number;
  eventLoop?: { worstP99Ms: number; maxMs: number };
  [figure: string]: unknown;
}

export interface SoakResult {
  figures: SoakFigures;
  /** The acceptance bounds missed, each said in words with the figure; empty when all held. */
  failures: string[];
}

export interface SoakMode {
  /** One line: what the load is and which bound it checks. */
  description: string;
  run(context: SoakContext): Promise<SoakResult | SoakResult[]>;
}

const MODES_DIR = resolve('scripts/soakModes');

/** The names of the mode files. */
export function soakModeNames(): string[] {
  try {
    return readdirSync(MODES_DIR)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => file.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

export async function loadSoakMode(name: string): Promise<SoakMode> {
  if (!soakModeNames().includes(name)) {
    throw new Error(`no soak mode "${name}": the modes are mix (the default), ${soakModeNames().join(', ')}`);
  }
  const module = (await import(join(MODES_DIR, `${name}.ts`))) as { default?: SoakMode };
  if (!module.default?.run) throw new Error(`scripts/soakModes/${name}.ts has no default export with run()`);
  return module.default;
}

/** Starts an API process with the event-loop probe preloaded, and samples its memory. */
async function startMeasuredApi(connection: Connection, env: Record<string, string>): Promise<MeasuredApi> {
  const probeFile = join(tmpdir(), `soak-event-loop-${process.pid}-${Date.now()}.jsonl`);
  const api = await startApiProcess(connection, {
    NODE_OPTIONS: `--import=${resolve('scripts/eventLoopProbe.mjs')}`,
    EVENT_LOOP_PROBE_FILE: probeFile,
    ...env,
  });
  const pid = api.child.pid!;
  let peak = rssMb(pid);
  const sampling = setInterval(() => {
    if (api.child.exitCode === null) peak = Math.max(peak, rssMb(pid));
  }, 250);
  const ready = Date.now();
  const eventLoop = (since = ready) => {
    let lines: { at: number; p99: number; max: number }[] = [];
    try {
      lines = readFileSync(probeFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { at: number; p99: number; max: number })
        // A line covers the second before its time.
        .filter((line) => line.at - 1_000 >= since);
    } catch {
      // No second measured yet.
    }
    return {
      worstP99Ms: Math.max(0, ...lines.map((l) => l.p99)),
      maxMs: Math.max(0, ...lines.map((l) => l.max)),
    };
  };
  return {
    ...api,
    pid,
    peakRssMb: () => peak,
    eventLoop,
    stop: async () => {
      clearInterval(sampling);
      await api.stop();
      rmSync(probeFile, { force: true });
    },
  };
}

function runLoad<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('scripts', script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise(JSON.parse(out.trim().split('\n').pop()!) as T)
        : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

export function soakContext(
  connection: Connection,
  seconds: number,
  options: Record<string, string | undefined>,
): SoakContext {
  return { seconds, options, connection, startApi: (env = {}) => startMeasuredApi(connection, env), runLoad };
}

/** Prints a mode's figures and failures; returns whether every bound held. */
export function printSoakResult(name: string, result: SoakResult): boolean {
  const { canary, refusals, fiveXx, rssPeakMb, eventLoop, ...rest } = result.figures;
  console.log(`${name}:`);
  if (canary) {
    const { p50, p99, max } = canary.latencyMs;
    console.log(`  canary: ${canary.requests} requests, p50 ${p50} ms, p99 ${p99} ms, max ${max} ms`);
    console.log(`  canary answers: ${JSON.stringify(canary.classes)}`);
  }
  console.log(`  refusals by code: ${JSON.stringify(refusals)}`);
  console.log(`  5xx (other than SERVER_BUSY): ${fiveXx}`);
  console.log(`  server RSS peak: ${rssPeakMb} MB`);
  if (eventLoop)
    console.log(`  event-loop delay: worst second's p99 ${eventLoop.worstP99Ms} ms, longest ${eventLoop.maxMs} ms`);
  for (const [figure, value] of Object.entries(rest)) console.log(`  ${figure}: ${JSON.stringify(value)}`);
  for (const failure of result.failures) console.log(`  MISSED: ${failure}`);
  if (result.failures.length === 0) console.log('  every bound held');
  return result.failures.length === 0;
}
