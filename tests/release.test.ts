/**
 * A release (`npm run release -- --out DIR`, bin/release.ts) writes the graph's data version as
 * files that check against their manifest, once per version, and its CSV tables read in pandas
 * (with the snippet docs/releases.md quotes) as the GraphQL API serves the same data.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts } from '../src/graph/facts.js';
import { CSV_COLUMNS, CSV_TABLES, csvFileName } from '../src/release/csvTables.js';
import type { ReleaseManifest } from '../src/release/manifest.js';
import { verifyRelease, writeRelease } from '../src/release/writeRelease.js';
import { runProject } from './support/processes.js';
import { PYTHON_SETUP_MS, researchPython, runPython } from './support/python.js';
import { graphql, openDatabase, testApi, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const BASE = 'https://facts.example.org';
const SNIPPET = resolve(import.meta.dirname, '../docs/snippets/load_release.py');
const DOCS = resolve(import.meta.dirname, '../docs/releases.md');

const database = openDatabase(60_000);
const api = testApi(database, { PUBLIC_URL: BASE });
const out = mkdtempSync(join(tmpdir(), 'drug-facts-release-'));
let version: string;
let dir: string;
let output: string;

const readManifestJson = () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ReleaseManifest;

async function release(...args: string[]): Promise<string> {
  const run = runProject('bin/release.ts', { ...testNeo4jEnv(), PUBLIC_URL: BASE }, ['--out', out, ...args]);
  expect(await run.exited, run.output()).toBe(0);
  return run.output();
}

beforeAll(async () => {
  version = await useStandardGraph(database);
  dir = join(out, version);
  output = await release();
});
afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await database.close();
});

describe('npm run release', () => {
  it('writes every file its manifest lists, each at the size and SHA-256 it states, and nothing else', async () => {
    const manifest = readManifestJson();
    expect(manifest.files.map((f) => f.name)).toEqual([
      'facts.jsonl',
      'entities.csv',
      'statements.csv',
      'qualifiers.csv',
      'citations.csv',
      'sources.csv',
      'graph.nt',
      'graph.jsonld',
    ]);
    for (const file of manifest.files) {
      const bytes = readFileSync(join(dir, file.name));
      expect([file.name, bytes.length, createHash('sha256').update(bytes).digest('hex')]).toEqual([
        file.name,
        file.bytes,
        file.sha256,
      ]);
      expect(file.url).toBe(`${BASE}/releases/${version}/${file.name}`);
    }
    expect(readdirSync(dir).sort()).toEqual([...manifest.files.map((f) => f.name), 'manifest.json'].sort());
    expect(readdirSync(out)).toEqual([version]);
    expect(await verifyRelease(dir)).toEqual({ manifest, problems: [] });
    expect(output).toContain(`wrote release ${version} to ${dir}`);
  });

  it('names its data version, base URL and sources with the licence and attribution the API gives', async () => {
    const manifest = readManifestJson();
    const { data } = await graphql<{
      meta: { dataVersion: string; sources: ({ id: string; kind: string } & Record<string, string | null>)[] };
    }>(api, '{ meta { dataVersion sources { id kind title url licence attribution citation: citeAs asOf } } }');
    expect(manifest.dataVersion).toBe(data!.meta.dataVersion);
    expect(manifest.baseUrl).toBe(BASE);
    const fromApi = data!.meta.sources.map((s) => ({ ...s, kind: s.kind.toLowerCase() }));
    expect(manifest.sources).toEqual(fromApi.sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(manifest.sources.find((s) => s.id === 'source:drugcentral')?.attribution).toMatch(/CC BY 4\.0/);
  });

  it('writes facts.jsonl exactly as the bulk export, and counts what the API serves', async () => {
    const facts = await readFacts(database);
    expect(readFileSync(join(dir, 'facts.jsonl'), 'utf8')).toBe(facts.map((f) => `${JSON.stringify(f)}\n`).join(''));
    const { data } = await graphql<{ all: { totalCount: number }; entities: { totalCount: number } }>(
      api,
      '{ all: facts(first: 1) { totalCount } entities: facts(predicate: "kind", first: 1) { totalCount } }',
    );
    const { counts } = readManifestJson();
    expect(counts.statements).toBe(data!.all.totalCount);
    expect(counts.entities).toBe(data!.entities.totalCount);
    expect(counts.citations).toBe(facts.reduce((n, f) => n + f.citations.length, 0));
    expect(counts.qualifiers).toBe(facts.reduce((n, f) => n + Object.keys(f.qualifiers).length, 0));
    expect(counts.triples).toBe(readFileSync(join(dir, 'graph.nt'), 'utf8').trim().split('\n').length);
    const bySource = Object.values(counts.bySource);
    expect(bySource.reduce((n, s) => n + s.citations, 0)).toBe(counts.citations);
    expect(counts.bySource['source:wikipedia-baclofen']!.statements).toBeGreaterThan(0);
  });

  it('writes RFC 4180 CSV: the documented columns as a header, CRLF between records', () => {
    const docs = readFileSync(DOCS, 'utf8');
    for (const table of CSV_TABLES) {
      const text = readFileSync(join(dir, csvFileName(table)), 'utf8');
      expect(text.slice(0, text.indexOf('\r\n'))).toBe(CSV_COLUMNS[table].join(','));
      expect(text.endsWith('\r\n')).toBe(true);
      const section = docs.slice(docs.indexOf(`### ${csvFileName(table)}\n`)).split(/\n#/)[0]!;
      const documented = [...section.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]);
      expect(documented, `the columns of ${table} in docs/releases.md`).toEqual(CSV_COLUMNS[table]);
    }
  });

  it('leaves a whole release of the same version as it is, and writes it again with --force', async () => {
    const before = readFileSync(join(dir, 'manifest.json'), 'utf8');
    const modified = statSync(join(dir, 'statements.csv')).mtimeMs;
    const again = await release();
    expect(again).toContain(`release ${version} is already in ${dir} and every file matches its manifest`);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(before);
    expect(statSync(join(dir, 'statements.csv')).mtimeMs).toBe(modified);

    await release('--force');
    const forced = readManifestJson();
    expect(forced.writtenAt).not.toBe((JSON.parse(before) as ReleaseManifest).writtenAt);
    expect(forced.files).toEqual((JSON.parse(before) as ReleaseManifest).files);
    expect(readdirSync(out)).toEqual([version]);
  });

  it('writes again a release whose file no longer matches its manifest', async () => {
    appendFileSync(join(dir, 'entities.csv'), 'drug:x,Drug,X,,,,\r\n');
    expect((await verifyRelease(dir)).problems).toEqual([
      expect.stringMatching(/^entities\.csv has \d+ bytes, not \d+$/),
    ]);
    const rewritten = await writeRelease(database, { outDir: out, baseUrl: BASE });
    expect(rewritten.written).toBe(true);
    expect((await verifyRelease(dir)).problems).toEqual([]);
  });

  it('writes again a release made for another base URL', async () => {
    const moved = await writeRelease(database, { outDir: out, baseUrl: 'https://mirror.example.org' });
    expect(moved.written).toBe(true);
    expect(moved.manifest.files[0]!.url).toBe(`https://mirror.example.org/releases/${version}/facts.jsonl`);
    expect((await writeRelease(database, { outDir: out, baseUrl: BASE })).written).toBe(true);
  });
});

describe('the release in pandas (docs/snippets/load_release.py)', () => {
  let python: string | null = null;
  beforeAll(() => {
    const found = researchPython();
    if ('skipped' in found) console.log(found.skipped);
    else python = found.python;
  }, PYTHON_SETUP_MS);

  interface Target {
    id: string;
    action: string;
    target: { id: string; name: string; kind: string };
    citations: { id: string; source: { id: string }; statement: string; hedge: string | null }[];
  }

  it('reads as many rows as the API counts, and baclofen’s targets with their citations as the API gives them', async (context) => {
    if (!python) return context.skip();
    const { data } = await graphql<{
      all: { totalCount: number };
      entities: { totalCount: number };
      meta: { sources: unknown[] };
      drug: { name: string; kind: string; targets: Target[] };
    }>(
      api,
      `
        {
          all: facts(first: 1) {
            totalCount
          }
          entities: facts(predicate: "kind", first: 1) {
            totalCount
          }
          meta {
            sources {
              id
            }
          }
          drug(id: "drug:baclofen") {
            name
            kind
            targets {
              id
              action
              target {
                id
                name
                kind
              }
              citations {
                id
                source {
                  id
                }
                statement
                hedge
              }
            }
          }
        }
      `,
    );
    const printed = runPython(python, readFileSync(SNIPPET, 'utf8'), [dir]);
    const { counts } = readManifestJson();
    expect(printed).toContain(`entities.csv: ${data!.entities.totalCount} rows\n`);
    expect(printed).toContain(`statements.csv: ${data!.all.totalCount} rows\n`);
    expect(printed).toContain(`qualifiers.csv: ${counts.qualifiers} rows\n`);
    expect(printed).toContain(`citations.csv: ${counts.citations} rows\n`);
    expect(printed).toContain(`sources.csv: ${data!.meta.sources.length} rows\n`);

    const { name, kind, targets } = data!.drug;
    const sorted = [...targets].sort((a, b) =>
      a.target.name !== b.target.name ? (a.target.name < b.target.name ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
    const expected = [
      `${name} (${kind}, drug:baclofen) acts on ${new Set(targets.map((t) => t.target.id)).size} targets in ${targets.length} statements:`,
      ...sorted.flatMap((t) => [
        `- ${t.target.name} (${t.target.kind}, ${t.target.id}): ${t.action} [${t.id}]`,
        ...t.citations.map(
          (c) => `    ${c.id} (${c.source.id}) ${c.statement}${c.hedge ? ` [hedge: ${c.hedge}]` : ''}`,
        ),
      ]),
    ];
    expect(targets.length).toBeGreaterThan(2);
    expect(printed).toContain(`${expected.join('\n')}\n`);
  });
});
