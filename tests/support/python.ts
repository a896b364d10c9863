/**
 * Python for the researchers' tools
 *
 * Release files are read in tests with the tools researchers load them with (pandas for the
 * CSVs, rdflib's parser and SPARQL engine for the RDF). They live in a virtual environment in
 * `.cache/python`, made on first use with pip from PyPI at pinned versions and remade when the
 * pins change. A machine without Python 3 skips those checks with one line saying so; in CI
 * (CI=true) that is a failure instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const PYTHON_PACKAGES = ['pandas==2.3.3', 'rdflib==7.6.0'];

const VENV = resolve(import.meta.dirname, '../../.cache/python');
const VENV_PYTHON = resolve(VENV, 'bin/python');
const PINS = resolve(VENV, 'pins.txt');
/** Time for pip to fetch and install the packages the first time. */
export const PYTHON_SETUP_MS = 600_000;

function systemPython(): string | null {
  for (const name of ['python3', 'python']) {
    try {
      execFileSync(name, ['-c', 'import venv, ensurepip'], { stdio: 'ignore' });
      return name;
    } catch {
      // try the next name
    }
  }
  return null;
}

/**
 * The virtual environment's interpreter, made (or remade) when missing, or null with a reason
 * when this machine has no Python 3 with venv.
 */
export function researchPython(): { python: string } | { skipped: string } {
  const wanted = PYTHON_PACKAGES.join('\n');
  if (existsSync(VENV_PYTHON) && existsSync(PINS) && readFileSync(PINS, 'utf8') === wanted)
    return { python: VENV_PYTHON };
  const system = systemPython();
  if (!system) {
    const reason = 'no Python 3 with venv on this machine: the pandas and rdflib checks of the release are skipped';
    if (process.env.CI === 'true') throw new Error(`${reason} (CI requires them)`);
    return { skipped: reason };
  }
  execFileSync(system, ['-m', 'venv', '--clear', VENV], { stdio: 'ignore' });
  execFileSync(VENV_PYTHON, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PYTHON_PACKAGES], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  writeFileSync(PINS, wanted);
  return { python: VENV_PYTHON };
}

/** Runs a Python program with arguments and returns what it printed. */
export function runPython(python: string, program: string, args: string[] = []): string {
  return execFileSync(python, ['-c', program, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
