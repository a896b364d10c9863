/**
 * The README tells the truth: its counts table matches the seed data, its performance tables
 * the committed results, every configuration variable and npm script is in it, it stays short
 * enough to read in one sitting, and every query of docs/cookbook.md still gives the answer
 * printed under it. `npm run docs` regenerates the generated parts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COOKBOOK_PATH,
  cookbookDocument,
  countsSection,
  performanceSection,
  PERFORMANCE_PATH,
  scaleSection,
  sourcesSection,
  README_PATH,
  sectionOf,
} from '../scripts/readmeSections.js';
import { COOKBOOK } from '../scripts/cookbook.js';
import { ConfigSchema } from '../src/config.js';
import { openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
const readme = readFileSync(README_PATH, 'utf8');
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

describe('the README', () => {
  it('shows the counts of the current seed data', () => {
    expect(sectionOf(readme, 'counts')).toBe(countsSection());
  });

  it('lists every source with its licence, as-of date and what it supports in the data', () => {
    expect(sectionOf(readme, 'sources')).toBe(sourcesSection());
  });

  it('shows the figures of the committed benchmark results', () => {
    expect(sectionOf(readme, 'performance')).toBe(performanceSection());
    expect(sectionOf(readFileSync(PERFORMANCE_PATH, 'utf8'), 'scale')).toBe(scaleSection());
  });

  it('links a cookbook of at least 10 queries, each answered as printed', async () => {
    expect(COOKBOOK.length).toBeGreaterThanOrEqual(10);
    expect(readme).toContain('(docs/cookbook.md)');
    const printed = readFileSync(COOKBOOK_PATH, 'utf8');
    expect(printed).not.toContain('"errors"');
    expect(printed).toBe(await cookbookDocument(api));
  });

  it('lists every npm script, has a table of contents, and stays under 450 lines', () => {
    const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: object }).scripts);
    for (const script of scripts)
      expect(readme, script).toMatch(new RegExp(`npm (run )?${script.replace(':', '\\:')}\\b`));
    expect(readme).toMatch(/## Contents\n/);
    expect(readme.split('\n').length).toBeLessThan(450);
  });

  it('documents every configuration variable with its default', () => {
    for (const key of Object.keys(ConfigSchema.shape))
      expect(readme).toMatch(new RegExp(`\\| \`${key}\` \\| \`?[^|]+\\|`));
  });

  it('gives the two commands after npm install', () => {
    expect(readme).toContain('npm install\nnpm start');
    expect(readme).toContain('npm test');
    expect(readme).toContain('docker compose up');
  });
});
