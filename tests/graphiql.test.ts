/**
 * GraphiQL works with no internet: in Chromium, with every request that does not go to the
 * API blocked, the page renders from the project's own dependencies and runs an example
 * operation against the real graph. The screenshot lands in tests/artifacts/graphiql.png.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/server/httpServer.js';
import { CHROMIUM_ARGS } from './support/browser.js';
import { chromiumFor } from './support/outsideResources.js';
import { openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const installedChromium = chromiumFor('the GraphiQL browser test (tests/graphiql.test.ts)');
const database = openDatabase();
let server: Server;
let base: string;
let browser: Browser | undefined;

beforeAll(async () => {
  await useStandardGraph(database);
  server = createHttpServer(testApi(database));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

describe.skipIf(installedChromium.skip)('GraphiQL in a browser with no internet', () => {
  it('renders from local files only and runs the Batch example against the graph', async () => {
    browser = await chromium.launch({ executablePath: installedChromium.path(), args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const blocked: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      blocked.push(url.href);
      return route.abort('internetdisconnected');
    });

    await page.goto(`${base}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    // The editor draws spaces as no-break spaces.
    await expect
      .poll(async () => ((await page.locator('.graphiql-query-editor').textContent()) ?? '').replace(/\u00a0/g, ' '))
      .toContain('query DrugByName');
    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'Batch' }).click();
    await page.waitForFunction(
      () => document.querySelector('.graphiql-response')?.textContent?.includes('drug:phenibut'),
      null,
      { timeout: 20_000 },
    );
    const answer = ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, '');
    expect(answer).toContain('{"id":"drug:baclofen","name":"Baclofen"},{"id":"drug:phenibut","name":"Phenibut"},null');
    mkdirSync('tests/artifacts', { recursive: true });
    await page.screenshot({ path: 'tests/artifacts/graphiql.png' });
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });
});
