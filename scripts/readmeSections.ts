/**
 * Generated README sections
 *
 * The parts of the README that state facts about the data and the API (the counts table and
 * the cookbook's answers) are generated, never typed: `npm run docs` rewrites them, and a test
 * fails when the README no longer matches the data or the API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSeed } from '../seed/seedGraph.js';
import type { Api } from '../src/server/createApi.js';
import { COOKBOOK } from './cookbook.js';
import { jsonPost } from './jsonPost.js';

export const README_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../README.md');

export function countsSection(): string {
  const rows = prepareSeed();
  const lines = ['| node kind | count |', '| --- | --- |'];
  for (const [kind, list] of [...rows.entities].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`| ${kind} | ${list.length} |`);
  lines.push(`| Literal (cited values) | ${rows.literals.length} |`, `| Identifier | ${rows.identifiers.length} |`);
  lines.push(`| Source | ${rows.sources.length} |`, '', '| relationship type | count |', '| --- | --- |');
  for (const [type, list] of [...rows.relations].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`| ${type} | ${list.length} |`);
  return lines.join('\n');
}

interface BenchRow {
  workload: string;
  target: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  serverRssMb: number | null;
  oursOverRaw: number | null;
  oursOverPeer: number | null;
}

interface ScaleRow {
  drugs: number;
  facts: number;
  validateSeconds: number;
  loadSeconds: number;
  factsPerSecond: number;
  addedFactsPerSecond?: number | null;
  w1P50Ms: number;
  w1P99Ms: number;
  w3P50Ms: number;
  w3P99Ms: number;
  errors: number;
}

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../bench/results');
const readJson = <T>(name: string): T | null => {
  try {
    return JSON.parse(readFileSync(resolve(RESULTS, name), 'utf8')) as T;
  } catch {
    return null;
  }
};

/** The figures of the last committed `npm run bench` and `npm run bench:scale`, as tables. */
export function performanceSection(): string {
  const bench = readJson<{
    date: string;
    cores: number;
    connections: number;
    seconds: number;
    rounds: number;
    rows: BenchRow[];
  }>('latest.json');
  const scale = readJson<{
    date: string;
    cores: number;
    seconds: number;
    heapMb?: number;
    pageCacheMb?: number;
    rows: ScaleRow[];
  }>('scale.json');
  const lines: string[] = [];
  if (bench) {
    lines.push(
      `\`npm run bench\` on ${bench.date.slice(0, 10)}: ${bench.cores} cores, ${bench.connections} connections, median of ${bench.rounds} alternated runs of ${bench.seconds} s each.`,
      '',
      '| workload | target | requests/s | p50 ms | p99 ms | errors | server RSS MB | ours/raw | ours/peer |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of bench.rows) {
      lines.push(
        `| ${r.workload} | ${r.target} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.serverRssMb ?? '-'} | ${r.oursOverRaw ?? '-'} | ${r.oursOverPeer ?? '-'} |`,
      );
    }
  }
  if (scale) {
    lines.push(
      '',
      `\`npm run bench:scale\` on ${scale.date.slice(0, 10)}: ${scale.cores} cores, 8 connections, ${scale.seconds} s per measurement${scale.heapMb ? `, Neo4j heap ${scale.heapMb} MB and page cache ${scale.pageCacheMb} MB at every size` : ''}; N = 0 is the baclofen-only graph, and "added facts/s" is the rate beyond its load.`,
      '',
      '| synthetic drugs | facts | validate s | load s | facts/s | added facts/s | W1 p50 ms | W1 p99 ms | W3 p50 ms | W3 p99 ms | errors |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of scale.rows) {
      lines.push(
        `| ${r.drugs} | ${r.facts} | ${r.validateSeconds} | ${r.loadSeconds} | ${r.factsPerSecond} | ${r.addedFactsPerSecond ?? '-'} | ${r.w1P50Ms} | ${r.w1P99Ms} | ${r.w3P50Ms} | ${r.w3P99Ms} | ${r.errors} |`,
      );
    }
  }
  return lines.join('\n');
}

export async function cookbookSection(api: Api): Promise<string> {
  const parts: string[] = [];
  for (const [i, recipe] of COOKBOOK.entries()) {
    const response = await api.fetch('http://api/graphql', jsonPost(JSON.stringify({ query: recipe.query })));
    const answer = JSON.stringify(await response.json(), null, 2);
    parts.push(
      `### ${i + 1}. ${recipe.title}\n\n\`\`\`graphql\n${recipe.query}\n\`\`\`\n\n\`\`\`json\n${answer}\n\`\`\``,
    );
  }
  return parts.join('\n\n');
}

export function sectionOf(readme: string, name: string): string {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme);
  if (!match) throw new Error(`README has no ${name} section markers`);
  return match[1]!.trimEnd();
}

export function replaceSection(readme: string, name: string, content: string): string {
  sectionOf(readme, name);
  return readme.replace(
    new RegExp(`<!-- ${name}:start -->\\n[\\s\\S]*?<!-- ${name}:end -->`),
    () => `<!-- ${name}:start -->\n${content}\n<!-- ${name}:end -->`,
  );
}

export async function updateReadme(api: Api): Promise<void> {
  let readme = readFileSync(README_PATH, 'utf8');
  readme = replaceSection(readme, 'counts', countsSection());
  readme = replaceSection(readme, 'performance', performanceSection());
  readme = replaceSection(readme, 'cookbook', await cookbookSection(api));
  writeFileSync(README_PATH, readme);
}
