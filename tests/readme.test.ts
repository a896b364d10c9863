/**
 * The README tells the truth: its counts table matches the seed data, and every cookbook query
 * still gives the answer printed under it. `npm run docs` regenerates both.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookbookSection,
  countsSection,
  performanceSection,
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

  it('shows the figures of the committed benchmark results', () => {
    expect(sectionOf(readme, 'performance')).toBe(performanceSection());
  });

  it('has at least 10 cookbook queries, each answered as printed', async () => {
    expect(COOKBOOK.length).toBeGreaterThanOrEqual(10);
    const printed = sectionOf(readme, 'cookbook');
    expect(printed).not.toContain('"errors"');
    expect(printed).toBe(await cookbookSection(api));
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
