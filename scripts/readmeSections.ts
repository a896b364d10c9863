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

export async function cookbookSection(api: Api): Promise<string> {
  const parts: string[] = [];
  for (const [i, recipe] of COOKBOOK.entries()) {
    const body = JSON.stringify({ query: recipe.query });
    const response = await api.fetch('http://api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
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
  readme = replaceSection(readme, 'cookbook', await cookbookSection(api));
  writeFileSync(README_PATH, readme);
}
