/**
 * The graph explorer (/explorer) in a real browser, Debian's Chromium driven by playwright-core,
 * against the API on a real port over the standard graph. The steps run in order on one page, as
 * a researcher would use it: search, neighbourhood, citations (from the keyboard and from the
 * drawing), expansion, a path, the analogues, and the same page at 800 px and on a phone. Each
 * step leaves a screenshot in tests/artifacts/explorer/; the path step is also docs/explorer.png,
 * and the narrow widths are tests/artifacts/explorer-800.png and explorer-phone.png. The browser steps need a
 * Chromium, which the project does not ship (tests/support/outsideResources.ts says where it is
 * looked for): without one they are skipped, and with CI=true they fail.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './support/browser.js';
import { chromiumFor } from './support/outsideResources.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';
import { seededRandomScript } from './support/seededRandom.js';

/** What the page exposes on `window.explorer`, as far as these tests read it. */
interface Element {
  id(): string;
  data(name: string): unknown;
  style(name: string): string;
  hasClass(name: string): boolean;
}
interface Collection {
  map<T>(fn: (element: Element) => T): T[];
}
interface Cy {
  nodes(selector?: string): Collection;
  edges(selector?: string): Collection;
  getElementById(id: string): {
    empty(): boolean;
    renderedPosition(): { x: number; y: number };
    renderedSourceEndpoint(): { x: number; y: number };
    renderedTargetEndpoint(): { x: number; y: number };
  };
  fit(elements?: unknown, padding?: number): void;
}
declare global {
  interface Window {
    explorer: { views: Record<'explore' | 'path' | 'analogues', { cy: Cy }> };
  }
}

const ARTIFACTS = 'tests/artifacts/explorer';
const DOCS_SCREENSHOT = 'docs/explorer.png';

/**
 * The layout starts from random positions; with Math.random seeded (mulberry32) every run draws
 * the same picture, so the mouse lands on the same things and screenshots compare across runs.
 */
const SEEDED_RANDOM = seededRandomScript(20240607);

const installedChromium = chromiumFor("the explorer's browser steps (tests/explorer.test.ts)");
const database = openDatabase();
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await useStandardGraph(database);
  server = createServer(testApi(database));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await database.close();
});

async function screenshot(name: string): Promise<Buffer> {
  return page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** A raw GET that sends the path exactly as written (fetch would resolve `..` first). */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    request({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

type View = 'explore' | 'path' | 'analogues';

/**
 * The ids of the entities in a view's drawing (those matching a cytoscape selector), sorted.
 * Entities hidden in a leaf group count; the group nodes themselves (`[group]`) do not.
 */
const nodeIds = (view: View, selector = '[^group]') =>
  page.evaluate(
    (args) =>
      window.explorer.views[args.view].cy
        .nodes(args.selector)
        .map((n) => n.id())
        .sort(),
    { view, selector },
  );

/**
 * Clicks with the real mouse where cytoscape draws a node, or an edge three quarters of the way
 * to its target: around a hub, the edges' middles crowd together, their outer ends do not.
 */
async function clickInDrawing(view: View, id: string, part: 'node' | 'edge') {
  const point = await page.evaluate(
    (args) => {
      const cy = window.explorer.views[args.view].cy;
      const element = cy.getElementById(args.id);
      if (args.part === 'node') return element.renderedPosition();
      cy.fit(element, 120);
      const [from, to] = [element.renderedSourceEndpoint(), element.renderedTargetEndpoint()];
      return { x: from.x + 0.75 * (to.x - from.x), y: from.y + 0.75 * (to.y - from.y) };
    },
    { view, id, part },
  );
  const box = (await page.locator(`#graph-${view}`).boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

const citationPanel = () => page.locator('#citation');

/**
 * Waits for the page's status line to say `text`. Every API call the page makes ends by
 * reporting there, so a failure shows what the page said instead (e.g. the API's error).
 */
const statusSays = (text: string) => expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toBe(text);

/**
 * expect.poll with room for a loaded machine: its default gives up after 1 s, and a page that
 * fetches and draws may take longer than that when two cores are shared. Passing takes no longer.
 */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('the explorer page is served by the API', () => {
  it('serves the page, its modules and cytoscape from node_modules, with their content types', async () => {
    const pageResponse = await fetch(`${base}/explorer`);
    expect(pageResponse.status).toBe(200);
    expect(pageResponse.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await pageResponse.text()).toContain('<script type="module" src="/explorer/explorer.js"></script>');

    const script = await fetch(`${base}/explorer/explorer.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await fetch(`${base}/explorer/explorer.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const cytoscape = await fetch(`${base}/explorer/vendor/cytoscape.min.js`);
    expect(cytoscape.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const onDisk = readFileSync(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'));
    expect(Buffer.from(await cytoscape.arrayBuffer()).equals(onDisk)).toBe(true);
  });

  it('serves nothing outside its allowlist, however the path is written', async () => {
    expect(await rawGet('/explorer/../package.json')).toBe(404);
    expect(await rawGet('/explorer/%2e%2e/package.json')).toBe(404);
    expect(await rawGet('/explorer/..%2fuseExplorer.ts')).toBe(404);
    expect(await rawGet('/explorer/useExplorer.ts')).toBe(404);
    expect(await rawGet('/explorer/public/index.html')).toBe(404);
    expect(await rawGet('/explorer/vendor/cytoscape.cjs.js')).toBe(404);
  });
});

describe.skipIf(installedChromium.skip)('a researcher explores the graph in the browser', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: installedChromium.path(), args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(SEEDED_RANDOM);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  it('finds baclofen by its brand name "lioresal"', async () => {
    await page.goto(`${base}/explorer`);
    await page.fill('#search', 'lioresal');
    await page.press('#search', 'Enter');
    await statusSays('2 results for “lioresal”.');
    const hits = page.locator('#search-hits button');
    expect(await hits.allInnerTexts()).toEqual(['Lioresal\nBrand', 'Baclofen\nDrug\nbrand: Lioresal']);
    await screenshot('01-search');
  });

  it("draws baclofen's neighbourhood with one edge per statement and its leaves in groups", async () => {
    await page.focus('#search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await statusSays('Baclofen: expanded.');

    const { data } = await graphql<{ neighbourhood: { nodes: { id: string }[]; edges: { id: string }[] } }>(
      testApi(database),
      '{ neighbourhood(id: "drug:baclofen") { nodes { id } edges { id } } }',
    );
    const expected = data!.neighbourhood;
    expect(await nodeIds('explore')).toEqual(expected.nodes.map((n) => n.id).sort());
    expect(expected.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['target:gaba-b-receptor', 'target:alpha2delta-vgcc', 'brand:lioresal', 'drug:phenibut']),
    );
    // One edge per statement: no statement drawn twice, none left out.
    const statementIds = await page.evaluate(() =>
      window.explorer.views.explore.cy.edges('[^group]').map((e) => e.id()),
    );
    expect(new Set(statementIds).size).toBe(statementIds.length);
    expect(statementIds.sort()).toEqual([...new Set(expected.edges.map((e) => e.id))].sort());
    expect(await page.getAttribute('#graph-explore', 'data-edges')).toBe(String(expected.edges.length));
    expect(await nodeIds('explore', '.selected')).toEqual(['drug:baclofen']);
    await eventually(() => page.textContent('#entity-card h2')).toBe('Baclofen Drug');
    expect(await page.textContent('#caption-explore')).toContain(
      `Baclofen and its neighbourhood: ${expected.nodes.length} entities, ${expected.edges.length} relationships`,
    );

    // The effects only baclofen causes are one group node; the drawing is half what it was.
    const group = await page.evaluate(() =>
      window.explorer.views.explore.cy
        .nodes('.group')
        .map((n) => ({ id: n.id(), name: n.data('name') as string, count: n.data('count') as number })),
    );
    expect(group.map((g) => g.id)).toContain('group:drug:baclofen|CAUSES|out|Effect');
    const effects = group.find((g) => g.id === 'group:drug:baclofen|CAUSES|out|Effect')!;
    expect(effects.count).toBeGreaterThanOrEqual(30);
    expect(effects.name).toBe(`${effects.count} effects (CAUSES)`);
    const drawn = {
      nodes: await page.evaluate(() => window.explorer.views.explore.cy.nodes(':visible').map((n) => n.id()).length),
      edges: await page.evaluate(() => window.explorer.views.explore.cy.edges(':visible').map((e) => e.id()).length),
    };
    expect(await page.getAttribute('#graph-explore', 'data-drawn-nodes')).toBe(String(drawn.nodes));
    // With the datasets' records, 120 entities and 169 statements are drawn as 57 nodes and 106
    // edges (the article's alone: 105 and 141 as 52 and 88; 103 and 161 before groups).
    expect(drawn.nodes).toBeLessThanOrEqual(60);
    expect(drawn.nodes).toBeLessThan(expected.nodes.length / 2 + 10);
    expect(drawn.edges).toBeLessThanOrEqual(Math.ceil(expected.edges.length * 0.65));
    await screenshot('02-neighbourhood');
  });

  it('shows every sentence stating a relation chosen from the relation list, without the mouse', async () => {
    // Baclofen's agonism at GABAB; the inferred inhibitory-ligand action is a statement of its own.
    const relation = page
      .locator('#relations button', { hasText: 'GABAB receptor' })
      .filter({ hasText: '2 sentences' });
    await relation.focus();
    await page.keyboard.press('Enter');

    const panel = citationPanel();
    await eventually(() => panel.locator('.fact').textContent()).toBe('Baclofen —ACTS_ON→ GABAB receptor');
    await eventually(() => panel.locator('.evidence').count()).toBe(2);
    expect(await panel.locator('.evidence-count').textContent()).toBe('Evidence: 2 sentences');
    const selective = panel.locator('.evidence', {
      hasText: 'Baclofen acts by selectively stimulating GABAB receptors.',
    });
    expect(await selective.locator('.locator').textContent()).toBe('Pharmacodynamics, paragraph 1, sentence 1');
    expect(await selective.locator('.hedge').textContent()).toBe('Hedge: none, stated plainly');
    // What this sentence says beyond the statement's own action.
    expect(await selective.locator('.sentence-qualifiers').innerText()).toMatch(/selectivity\s+selective/);
    expect(await selective.locator('.reading').count()).toBe(0);
    const link = selective.locator('.source a');
    expect(await link.getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Baclofen#Pharmacodynamics');
    expect(await link.textContent()).toBe('Baclofen (Wikipedia): Pharmacodynamics ¶1.1');
    await screenshot('03-citation');

    // Arrow keys walk the list: the next relation is the next statement, DrugCentral's on GABBR1,
    // cited to its record by file, line and key.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.locator('.fact').textContent()).toBe('Baclofen —ACTS_ON→ GABBR1');
    await eventually(() => panel.locator('.evidence').count()).toBe(1);
    expect(await panel.locator('.evidence .locator').textContent()).toMatch(
      /^drugcentral\/targets\.tsv, line \d+ \(GeneID 2550 x DB00181\)$/,
    );
    expect(await panel.locator('.evidence .source a').textContent()).toMatch(
      /^DrugCentral .*: drugcentral\/targets\.tsv:\d+$/,
    );

    // The sentence that only implies an action, and hedges it: both are said.
    await page.locator('#relations button', { hasText: 'GABAB receptor' }).filter({ hasNotText: 'sentences' }).click();
    const inferred = panel.locator('.evidence', {
      hasText: 'inhibitory ligand that curbs excitatory transmitter release',
    });
    await eventually(() => inferred.count()).toBe(1);
    expect(await inferred.locator('.reading').textContent()).toBe(
      'Inference: the sentence implies this without saying it in those words',
    );
    expect(await inferred.locator('.hedge').textContent()).toBe('Hedge: postulated');
    expect(await inferred.locator('.locator').textContent()).toBe('Pharmacodynamics, paragraph 1, sentence 2');
  });

  it('lists all the evidence of a statement stated by several sentences', async () => {
    const panel = citationPanel();
    // Spasticity's use by the usual route (the intrathecal use is a statement of its own).
    for (const [name, type, count, at] of [
      ['Intrathecal', 'ADMINISTERED_VIA', 5, ''],
      ['Spasticity', 'INDICATED_FOR', 2, 'Lead ¶1.1'],
    ] as const) {
      await page
        .locator('#relations li', { hasText: type })
        .locator('button', { hasText: `→ ${name}` })
        .filter({ hasText: at })
        .click();
      await eventually(() => panel.locator('.fact').textContent()).toBe(`Baclofen —${type}→ ${name}`);
      await eventually(() => panel.locator('.evidence').count()).toBe(count);
      const statements = await panel.locator('.evidence .statement').allTextContents();
      expect(new Set(statements).size).toBe(count);
      expect(await panel.locator('.evidence-count').textContent()).toBe(`Evidence: ${count} sentences`);
      expect(await panel.locator('.loading').count()).toBe(0);
    }
    await screenshot('03-evidence');
  });

  it('shows the citation of a negative edge clicked in the drawing, drawn dashed and red', async () => {
    const edgeId = await page.evaluate(
      () =>
        window.explorer.views.explore.cy
          .edges('[source = "drug:baclofen"][target = "target:ghb-receptor"]')
          .map((e) => e.id())[0]!,
    );
    const look = await page.evaluate(
      (id) =>
        window.explorer.views.explore.cy.edges(`[id = "${id}"]`).map((e) => ({
          negative: e.hasClass('negative'),
          line: e.style('line-style'),
          colour: e.style('line-color'),
        }))[0],
      edgeId,
    );
    expect(look).toEqual({ negative: true, line: 'dashed', colour: 'rgb(179,38,30)' });
    // Every negative statement is drawn so, and nothing else is.
    const negatives = await page.evaluate(() =>
      window.explorer.views.explore.cy
        .edges('.negative')
        .map((e) => e.data('type') as string)
        .sort(),
    );
    expect(new Set(negatives)).toEqual(new Set(['NOT_RECOMMENDED_FOR', 'NO_SIGNIFICANT_AFFINITY_FOR']));
    expect(await page.locator('.edge-legend li', { hasText: 'Negative statement' }).count()).toBe(1);

    await clickInDrawing('explore', edgeId, 'edge');
    const panel = citationPanel();
    await expect
      .poll(() => panel.locator('.fact').textContent())
      .toBe('Baclofen —NO_SIGNIFICANT_AFFINITY_FOR→ GHB receptor');
    expect(await panel.locator('.polarity').textContent()).toBe('Negative statement: the source denies this link.');
    expect(await panel.locator('.statement').first().textContent()).toBe(
      'Baclofen has no meaningful affinity for the GHB receptor.',
    );
    expect(await panel.locator('.source a').first().getAttribute('href')).toBe(
      'https://en.wikipedia.org/wiki/Baclofen#Pharmacodynamics',
    );
    await page.click('[data-zoom="fit"]');
  });

  it('expands a clicked node by merging its neighbourhood into the drawing', async () => {
    const before = await nodeIds('explore');
    expect(before).not.toContain('drug:ghb');
    await clickInDrawing('explore', 'target:gaba-b-receptor', 'node');
    await statusSays('GABAB receptor: expanded.');
    expect(await nodeIds('explore', '.selected')).toEqual(['target:gaba-b-receptor']);

    const after = await nodeIds('explore');
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.filter((id) => !before.includes(id))).toEqual(['drug:ghb', 'effect:anxiolysis']);
    expect(await nodeIds('explore', '.expanded')).toEqual(['drug:baclofen', 'target:gaba-b-receptor']);
    expect(await page.textContent('#entity-card h2')).toBe('GABAB receptor Target');
    expect(await page.locator('#relations button', { hasText: 'GHB' }).first().textContent()).toContain('← GHB');
    await screenshot('04-expanded');
  });

  it('opens a group of leaves when it is clicked', async () => {
    const group = 'group:drug:baclofen|CAUSES|out|Effect';
    const count = await page.evaluate(
      (id) => window.explorer.views.explore.cy.nodes(`[id = "${id}"]`).map((n) => n.data('count') as number)[0]!,
      group,
    );
    const before = Number(await page.getAttribute('#graph-explore', 'data-drawn-nodes'));
    await page.click('[data-zoom="fit"]');
    await clickInDrawing('explore', group, 'node');
    // The group node gives way to its leaves; the entities drawn are the same as before.
    await eventually(() => page.getAttribute('#graph-explore', 'data-drawn-nodes')).toBe(String(before - 1 + count));
    expect(await nodeIds('explore', '.group')).not.toContain(group);
    expect(await nodeIds('explore', '[^group]:visible')).toContain('effect:drowsiness');
    await screenshot('04-group-opened');
  });

  it('finds the path from baclofen to GHB through the GABAB receptor, hop by hop with citations', async () => {
    await page.click('[data-show="path"]');
    // One end as an id, the other picked from the search hits.
    await page.fill('#path-from', 'drug:baclofen');
    await page.fill('#path-to', 'GHB');
    await page.press('#path-to', 'Enter');
    // GHB and the GHB receptor: a 3-letter word is matched with one edit at most.
    await statusSays('2 results for “GHB”.');
    await page.locator('#path-to-hits button[data-id="drug:ghb"]').click();
    await page.click('#path-find button[type="submit"]');
    await statusSays('2 shortest paths of 2 hops from Baclofen to GHB.');

    // One path per sequence of entities, the best supported first.
    const paths = page.locator('#path-list button');
    expect(await paths.locator('.name').allTextContents()).toEqual([
      '1. Baclofen → GABAB receptor → GHB',
      '2. Baclofen → Euphoria → GHB',
    ]);
    const viaReceptor = paths.filter({ hasText: 'Baclofen → GABAB receptor → GHB' });
    expect(await viaReceptor.locator('.where').textContent()).toBe('ACTS_ON + ACTS_ON, ACTS_ON · 4 sentences');
    await viaReceptor.click();
    expect(await viaReceptor.getAttribute('aria-pressed')).toBe('true');

    const hops = page.locator('#hop-list button');
    expect(await hops.locator('.name').allTextContents()).toEqual([
      '1. Baclofen → GABAB receptor',
      '2. GABAB receptor → GHB',
    ]);
    expect(await hops.nth(0).locator('.type').allTextContents()).toEqual(['→ ACTS_ON →', '→ ACTS_ON →']);
    // Two statements on the first hop: the agonism (2 sentences) and the inferred inhibitory-ligand action.
    expect((await hops.nth(0).locator('.where').allTextContents()).join(' | ')).toContain('2 sentences');
    expect(await hops.nth(1).locator('.type').allTextContents()).toEqual(['← ACTS_ON ←']);
    expect(await hops.nth(1).locator('.statement').textContent()).toBe(
      'GHB, like baclofen, activates the GABAB receptor.',
    );
    expect(await nodeIds('path', '.on-path')).toEqual(['drug:baclofen', 'drug:ghb', 'target:gaba-b-receptor']);

    // A hop's citations are every sentence of every statement it rests on.
    await hops.nth(0).click();
    await eventually(() => citationPanel().locator('.evidence').count()).toBe(3);
    await hops.nth(1).click();
    const panel = citationPanel();
    await eventually(() => panel.locator('.fact').textContent()).toBe('GHB —ACTS_ON→ GABAB receptor');
    expect(await panel.locator('.evidence').count()).toBe(1);
    expect(await panel.locator('.locator').textContent()).toBe('Abuse, paragraph 1, sentence 4');
    expect(await panel.locator('.source a').getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Baclofen#Abuse');
    // The README's picture: drawing, path, hops and a citation at once, and small as a PNG.
    writeFileSync(DOCS_SCREENSHOT, await screenshot('05-path'));
  });

  it('compares baclofen and its analogues at their shared targets, with the Ki values for α2δ', async () => {
    await page.click('[data-show="analogues"]');
    await statusSays('Analogues loaded.');
    const rows = page.locator('#analogue-table tbody tr');
    expect(await rows.locator('th').allTextContents()).toEqual([
      'Baclofen',
      'Phenibut',
      'Pregabalin',
      'Gabapentin',
      'GABA',
      'GHB',
    ]);
    const alpha2delta = (drug: string) =>
      page
        .locator(`#analogue-table tr[data-drug="${drug}"] td[data-target="target:alpha2delta-vgcc"] .ki`)
        .allTextContents();
    expect(await alpha2delta('drug:phenibut')).toEqual(['Ki 23 µM (R)', 'Ki 39 µM (S)']);
    expect(await alpha2delta('drug:baclofen')).toEqual(['Ki 156 µM']);
    // Strongest first, as compareAffinity orders them.
    expect(await page.locator('#analogue-summary .affinities .ki').allTextContents()).toEqual([
      'Ki 23 µM (R)',
      'Ki 39 µM (S)',
      'Ki 156 µM',
    ]);
    expect(await page.locator('#analogue-summary .shared li').allInnerTexts()).toEqual([
      'GABAB receptor: Baclofen (inhibitory ligand, agonist), Phenibut (agonist), GHB (agonist)',
      'α2δ subunit-containing voltage-gated calcium channel: Baclofen (blocker), Phenibut (blocker), Pregabalin (blocker)',
      // DrugCentral's genes: gabapentin's only targets, and pregabalin's beside the article's.
      'CACNA2D1: Pregabalin (modulator), Gabapentin (modulator)',
      'CACNA2D2: Pregabalin (modulator), Gabapentin (modulator)',
    ]);
    expect(await nodeIds('analogues')).toEqual([
      'drug:baclofen',
      'drug:gaba',
      'drug:gabapentin',
      'drug:ghb',
      'drug:phenibut',
      'drug:pregabalin',
      'target:alpha2delta-vgcc',
      'target:cacna2d1',
      'target:cacna2d2',
      'target:gaba-b-receptor',
      'target:gabbr1',
      'target:gabbr2',
      'target:ghb-receptor',
    ]);
    // What each compound derives from; baclofen's two sentences do not agree on a difference.
    const structure = (drug: string) =>
      page.locator(`#analogue-table tr[data-drug="${drug}"] td.structure`).textContent();
    expect(await structure('drug:phenibut')).toBe('GABA + phenyl (beta)');
    expect(await structure('drug:baclofen')).toBe('from GABA');
    // Each cell says which sources its statements rest on.
    const sources = (drug: string, target: string) =>
      page.locator(`#analogue-table tr[data-drug="${drug}"] td[data-target="${target}"] .sources`).textContent();
    expect(await sources('drug:baclofen', 'target:gaba-b-receptor')).toBe('article');
    expect(await sources('drug:gabapentin', 'target:cacna2d1')).toBe('DrugCentral');
    // And where sources disagree, both sides are shown with theirs.
    const disagreement = page.locator('#analogue-summary .disagreements > li');
    expect(await disagreement.count()).toBe(1);
    expect(await disagreement.innerText()).toContain('Baclofen: NDF-RT, through DrugCentral');
    expect(await disagreement.locator('li').allInnerTexts()).toEqual(
      expect.arrayContaining([
        'Baclofen —MEMBER_OF→ GABA A Agonists (DrugCentral)',
        'Baclofen —ACTS_ON→ GABAB receptor, action agonist (article)',
      ]),
    );

    await page.locator('#analogue-summary .affinities button').first().click();
    await expect
      .poll(() => citationPanel().locator('.statement').textContent())
      .toBe('R-phenibut binds α2δ channels with a Ki of 23 µM.');
    await screenshot('06-analogues');
  });

  /** The drawing's size, what cytoscape measures of it, and whether the page overflows sideways. */
  const measure = () =>
    page.evaluate(() => {
      const graph = document.getElementById('graph-explore')!.getBoundingClientRect();
      const cy = window.explorer.views.explore.cy as unknown as { width(): number; height(): number };
      return {
        width: graph.width,
        height: graph.height,
        drawn: { width: cy.width(), height: cy.height() },
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });

  for (const { name, viewport, least } of [
    { name: '800', viewport: { width: 800, height: 700 }, least: { width: 480, height: 300 } },
    { name: 'phone', viewport: { width: 390, height: 844 }, least: { width: 360, height: 320 } },
  ]) {
    it(`keeps a usable drawing and reachable controls ${name === 'phone' ? 'on a phone (390×844)' : 'at 800 px wide'}`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(`${base}/explorer?entity=drug:baclofen`);
      await statusSays('Baclofen: expanded.');
      const size = await measure();
      expect(size.width).toBeGreaterThanOrEqual(least.width);
      expect(size.height).toBeGreaterThanOrEqual(least.height);
      // cytoscape measured the container anew: it draws on all of it.
      expect(Math.abs(size.drawn.width - size.width)).toBeLessThan(1.5);
      expect(Math.abs(size.drawn.height - size.height)).toBeLessThan(1.5);
      expect(size.overflow).toBe(0);

      // The views, the search and the zoom stay on screen and work.
      for (const control of ['[data-show="path"]', '#search', '[data-zoom="fit"]']) {
        const box = (await page.locator(control).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      await page
        .locator('#relations li', { hasText: 'ADMINISTERED_VIA' })
        .locator('button', { hasText: '→ Intrathecal' })
        .click();
      await eventually(() => citationPanel().locator('.evidence').count()).toBe(5);
      await page.click('[data-zoom="fit"]');
      await page.screenshot({ path: `tests/artifacts/explorer-${name}.png`, fullPage: name === 'phone' });
      expect((await measure()).overflow).toBe(0);
    });
  }

  it('waits as a busy API asks (503, Retry-After) and then shows the answer', async () => {
    let refused = 0;
    await page.route('**/graphql', async (route) => {
      if (refused > 0) return route.continue();
      refused += 1;
      const busy = { errors: [{ message: 'busy', extensions: { code: 'SERVER_BUSY' } }] };
      await route.fulfill({
        status: 503,
        headers: { 'retry-after': '1', 'content-type': 'application/json' },
        body: JSON.stringify(busy),
      });
    });
    const errorsBefore = pageErrors.length;
    await page.click('[data-show="explore"]');
    await page.fill('#search', 'lioresal');
    await page.press('#search', 'Enter');
    await statusSays('2 results for “lioresal”.');
    await page.unroute('**/graphql');
    expect(refused).toBe(1);
    // The browser reports the refused request itself in the console; that is not a script error.
    pageErrors.splice(
      errorsBefore,
      pageErrors.length - errorsBefore,
      ...pageErrors.slice(errorsBefore).filter((e) => !e.includes('503')),
    );
  });

  it('raised no script errors on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
