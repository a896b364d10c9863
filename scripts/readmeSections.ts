/**
 * Generated README sections
 *
 * The parts of the docs that state facts about the data and the API (the README's counts and
 * performance tables, and docs/cookbook.md with every answer) are generated, never typed:
 * `npm run docs` rewrites them, and a test fails when they no longer match the data or the API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceCounts } from '../seed/loadGraph.js';
import { prepareSeed } from '../seed/seedGraph.js';
import { evidenceTotal } from '../seed/toGraph.js';
import type { Api } from '../src/server/createApi.js';
import { COOKBOOK } from './cookbook.js';
import { jsonPost } from './jsonPost.js';

export const README_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../README.md');
export const COOKBOOK_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/cookbook.md');
export const PERFORMANCE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/performance.md');

/** Node kinds and relationship types side by side, so the table stays short; statements and their evidence. */
export function countsSection(): string {
  const rows = prepareSeed();
  const nodes: [string, string | number][] = [...rows.entities]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, list]) => [kind, list.length]);
  nodes.push(['Literal (cited values)', `${rows.literals.length} (${evidenceTotal(rows.literals)})`]);
  nodes.push(['Identifier', rows.identifiers.length], ['Source', rows.sources.length]);
  const relations: [string, string][] = [...rows.relations]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, list]) => [type, `${list.length} (${evidenceTotal(list)})`]);
  const lines = [
    '| node kind | count (evidence) | relationship type | statements (evidence) |',
    '| --- | --- | --- | --- |',
  ];
  for (let i = 0; i < Math.max(nodes.length, relations.length); i++) {
    const [kind, n] = nodes[i] ?? ['', ''];
    const [type, r] = relations[i] ?? ['', ''];
    lines.push(`| ${kind} | ${n} | ${type} | ${r} |`);
  }
  const statements = [...[...rows.relations.values()].flat(), ...rows.literals];
  lines.push(
    '',
    `In all: ${statements.length} statements, stated by ${evidenceTotal(statements)} pieces of evidence (sentences and records).`,
  );
  return lines.join('\n');
}

/** Every source of the default load with what it supports there, as meta.sourceStatistics counts it. */
export function sourcesSection(): string {
  const rows = prepareSeed();
  const counted = sourceCounts(rows);
  const lines = [
    '| source | kind | licence | as of | statements | evidence | identifiers | entities |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { id, props } of rows.sources) {
    const c = counted[id]!;
    lines.push(
      `| [${props.title}](${props.url}) | ${props.kind} | ${props.licence} | ${props.asOf ?? '-'} | ${c.statements} | ${c.evidence} | ${c.identifiers} | ${c.entities} |`,
    );
  }
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

interface ProfileRow {
  workload: string;
  requestsPerSecond: number;
  cpuMsPerRequest: { api: number; neo4j: number | null; load: number };
  profile: { parts: [string, number][] } | null;
}

interface ScaleRow {
  /** "synthetic N" or "datasets full"; absent in results from before the datasets' row. */
  graph?: string;
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

/** The figures of the last committed `npm run bench` and `npm run bench:profile`, as tables. */
export function performanceSection(): string {
  const bench = readJson<{
    date: string;
    cores: number;
    connections: number;
    seconds: number;
    rounds: number;
    rows: BenchRow[];
  }>('latest.json');
  const profile = readJson<{ date: string; seconds: number; results: ProfileRow[] }>('profile.json');
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
  if (profile) {
    const share = ([part, percent]: [string, number]) => `${part.replace(/ \(.*\)$/, '')} ${Math.round(percent)}%`;
    lines.push(
      '',
      `\`npm run bench:profile\` on ${profile.date.slice(0, 10)} (cold, ${profile.seconds} s each, under a CPU profile, which slows the API by about a tenth): CPU milliseconds per request of each process, and the largest parts of the API's busy time.`,
      '',
      '| workload | requests/s | API ms | Neo4j ms | load ms | API busy time |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const r of profile.results) {
      const cpu = r.cpuMsPerRequest;
      const parts = r.profile ? r.profile.parts.slice(0, 4).map(share).join(', ') : '-';
      lines.push(
        `| ${r.workload} | ${r.requestsPerSecond} | ${cpu.api} | ${cpu.neo4j ?? '-'} | ${cpu.load} | ${parts} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The figures of the last committed `npm run bench:scale`, as a table (docs/performance.md). */
export function scaleSection(): string {
  const scale = readJson<{
    date: string;
    cores: number;
    seconds: number;
    heapMb?: number;
    pageCacheMb?: number;
    rows: ScaleRow[];
  }>('scale.json');
  if (!scale) return '';
  const lines = [
    `\`npm run bench:scale\` on ${scale.date.slice(0, 10)}: ${scale.cores} cores, 8 connections, ${scale.seconds} s per measurement${scale.heapMb ? `, Neo4j heap ${scale.heapMb} MB and page cache ${scale.pageCacheMb} MB at every size` : ''}; "synthetic 0" is the baclofen-only graph, "datasets full" every record of the kept datasets, and "added facts/s" the rate beyond the baclofen-only load.`,
    '',
    '| graph | drugs | facts | validate s | load s | facts/s | added facts/s | W1 p50 ms | W1 p99 ms | W3 p50 ms | W3 p99 ms | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of scale.rows) {
    lines.push(
      `| ${r.graph ?? `synthetic ${r.drugs}`} | ${r.drugs} | ${r.facts} | ${r.validateSeconds} | ${r.loadSeconds} | ${r.factsPerSecond} | ${r.addedFactsPerSecond ?? '-'} | ${r.w1P50Ms} | ${r.w1P99Ms} | ${r.w3P50Ms} | ${r.w3P99Ms} | ${r.errors} |`,
    );
  }
  return lines.join('\n');
}

/** docs/cookbook.md, whole: every recipe with the answer the API gives now. */
export async function cookbookDocument(api: Api): Promise<string> {
  const contents = COOKBOOK.map((recipe, i) => `${i + 1}. [${recipe.title}](#${anchorOf(i + 1, recipe.title)})`);
  const parts: string[] = [
    '# Cookbook',
    '<!-- Generated by `npm run docs` from scripts/cookbook.ts: do not edit. A test re-runs every query. -->',
    'Real queries and the answers the API gives on the current data. Each is one request: paste it\n' +
      'into GraphiQL at `http://localhost:4000/graphql`, or send it as `GET /graphql?query=...`.',
    contents.join('\n'),
  ];
  for (const [i, recipe] of COOKBOOK.entries()) {
    const response = await api.fetch('http://api/graphql', jsonPost(JSON.stringify({ query: recipe.query })));
    const answer = JSON.stringify(await response.json(), null, 2);
    parts.push(
      `## ${i + 1}. ${recipe.title}\n\n\`\`\`graphql\n${recipe.query}\n\`\`\`\n\n\`\`\`json\n${answer}\n\`\`\``,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(n: number, title: string): string {
  return `${n}-${title}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
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
  readme = replaceSection(readme, 'sources', sourcesSection());
  readme = replaceSection(readme, 'performance', performanceSection());
  writeFileSync(README_PATH, readme);
  writeFileSync(PERFORMANCE_PATH, replaceSection(readFileSync(PERFORMANCE_PATH, 'utf8'), 'scale', scaleSection()));
  writeFileSync(COOKBOOK_PATH, await cookbookDocument(api));
}
