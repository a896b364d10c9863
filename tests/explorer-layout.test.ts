/**
 * The explorer's layout at 800 px and on a phone (390 px), in a real browser (Debian's Chromium
 * driven by playwright-core) against the API on a real port over the standard graph, started as
 * tests/explorer.test.ts starts them. What a reader must not meet there: an expansion drawn past
 * the drawing's edge, node labels on top of one another, a page or a box that scrolls sideways,
 * and a relation list or analogue table in a box that scrolls inside the page. Every check reads
 * the page as drawn (cytoscape's own boxes, the browser's own layout), never a style rule.
 * Without a Chromium the browser steps are skipped; with CI=true they fail (outsideResources.ts).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './support/browser.js';
import { chromiumFor } from './support/outsideResources.js';
import { openDatabase, testApi, useStandardGraph } from './support/testGraph.js';
import { seededRandomScript } from './support/seededRandom.js';

/** What these tests read of cytoscape through the page's `window.explorer`. */
interface Box {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  w: number;
  h: number;
}
interface Node {
  id(): string;
  boundingBox(options?: Record<string, boolean>): Box;
}
interface Cy {
  nodes(selector?: string): { map<T>(fn: (node: Node) => T): T[] };
  extent(): Box;
  zoom(): number;
}
interface ExplorerWindow {
  explorer: { views: Record<'explore' | 'analogues', { cy: Cy; select(id: string): Promise<void> }> };
}

/** A time-seeded Math.random (mulberry32): any layout must pass, and a failure names its seed. */
const SEED = Date.now() % 2 ** 31;

/** Each check leaves a screenshot here, e.g. 390-analogues.png, to look at what it measured. */
const ARTIFACTS = 'tests/artifacts/explorer-layout';

const installedChromium = chromiumFor("the explorer's layout checks (tests/explorer-layout.test.ts)");
const database = openDatabase();
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  await useStandardGraph(database);
  server = createServer(testApi(database));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!installedChromium.skip)
    browser = await chromium.launch({ executablePath: installedChromium.path(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await database.close();
});

/** Room for a loaded 2-core machine; passing takes no longer. */
const eventually = <T>(read: () => T | Promise<T>, message?: string) => expect.poll(read, { timeout: 10_000, message });

/**
 * What scrolls or sticks out sideways: the page itself (pixels it scrolls), every element drawn
 * past the window's left or right edge, and every element that scrolls its content sideways
 * (overflow-x auto or scroll, with more content than room).
 */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
    const sticksOut: string[] = [];
    const scrollsSideways: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -1 || box.right > window.innerWidth + 1)
        sticksOut.push(`${name(element)} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      const { overflowX } = getComputedStyle(element);
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1)
        scrollsSideways.push(`${name(element)} (${element.scrollWidth} in ${element.clientWidth})`);
    }
    const root = document.documentElement;
    return { pageScrolls: root.scrollWidth - root.clientWidth, sticksOut, scrollsSideways };
  });

/**
 * The boxes between an element and the page that scroll or clip it (overflow other than
 * visible, on either axis), with what they hold beyond their room: none means the element is
 * read whole in the page, by the page's own scrolling.
 */
const boxesAround = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const boxes: string[] = [];
    for (let e = document.querySelector(selector)!.parentElement; e && e !== document.body; e = e.parentElement) {
      const { overflowX, overflowY, display } = getComputedStyle(e);
      // `display: contents` draws no box of its own, so it has nothing to scroll.
      if ((overflowX === 'visible' && overflowY === 'visible') || display === 'contents') continue;
      const hidden = `${e.scrollWidth - e.clientWidth}×${e.scrollHeight - e.clientHeight} px`;
      boxes.push(
        `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className} (${overflowX}/${overflowY}, ${hidden} beyond)`,
      );
    }
    return boxes;
  }, selector);

/** Visible nodes of the neighbourhood drawing not wholly inside what its frame shows. */
const nodesOutsideFrame = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as unknown as ExplorerWindow).explorer.views.explore.cy;
    const frame = cy.extent();
    // Half a screen pixel, in the drawing's units.
    const slack = 0.5 / cy.zoom();
    return cy
      .nodes(':visible')
      .map((node) => ({ id: node.id(), box: node.boundingBox({ includeOverlays: false }) }))
      .filter(
        ({ box }) =>
          box.x1 < frame.x1 - slack ||
          box.x2 > frame.x2 + slack ||
          box.y1 < frame.y1 - slack ||
          box.y2 > frame.y2 + slack,
      )
      .map(({ id }) => id);
  });

/** Every pair of visible node labels whose boxes overlap, and how many labels were compared. */
const overlappingLabels = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as unknown as ExplorerWindow).explorer.views.explore.cy;
    const labels = cy
      .nodes(':visible')
      .map((node) => ({
        id: node.id(),
        box: node.boundingBox({
          includeNodes: false,
          includeLabels: true,
          includeOverlays: false,
          includeUnderlays: false,
        }),
      }))
      .filter(({ box }) => box.w > 0 && box.h > 0);
    const pairs: string[] = [];
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1)) {
        if (a.box.x1 < b.box.x2 && b.box.x1 < a.box.x2 && a.box.y1 < b.box.y2 && b.box.y1 < a.box.y2)
          pairs.push(`${a.id} × ${b.id}`);
      }
    });
    return { compared: labels.length, pairs };
  });

for (const { name, viewport } of [
  { name: 'at 800 px', viewport: { width: 800, height: 900 } },
  { name: 'on a phone (390 px)', viewport: { width: 390, height: 844 } },
]) {
  describe.skipIf(installedChromium.skip)(`the explorer ${name}`, () => {
    let page: Page;
    const statusSays = (text: string) => expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toBe(text);

    const screenshot = (step: string) =>
      page.screenshot({ path: `${ARTIFACTS}/${viewport.width}-${step}.png`, fullPage: true });

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      page = await browser.newPage({ viewport });
      await page.addInitScript(seededRandomScript(SEED));
    });
    afterAll(() => page?.close());

    /** Baclofen's neighbourhood, with the GABAB receptor's merged in as a click on it does. */
    async function openAndExpand() {
      await page.goto(`${base}/explorer?entity=drug:baclofen`);
      await statusSays('Baclofen: expanded.');
      await page.evaluate(() =>
        (window as unknown as ExplorerWindow).explorer.views.explore.select('target:gaba-b-receptor'),
      );
      await statusSays('GABAB receptor: expanded.');
    }

    it('refits the drawing after an expansion: every visible node lies inside the frame', async () => {
      await openAndExpand();
      await eventually(() => nodesOutsideFrame(page), `nodes outside the frame (seed ${SEED})`).toEqual([]);
      // The expansion's own entities are among those shown.
      const shown = await page.evaluate(() =>
        (window as unknown as ExplorerWindow).explorer.views.explore.cy.nodes(':visible').map((n) => n.id()),
      );
      expect(shown).toEqual(expect.arrayContaining(['drug:baclofen', 'target:gaba-b-receptor', 'drug:ghb']));
      await screenshot('expanded');
    }, 30_000);

    it('draws no node label over another after an expansion', async () => {
      await openAndExpand();
      const labels = await overlappingLabels(page);
      const shown = await page.evaluate(
        () => (window as unknown as ExplorerWindow).explorer.views.explore.cy.nodes(':visible').map(() => 1).length,
      );
      expect(labels.compared).toBe(shown);
      expect(labels.pairs, `overlapping labels (seed ${SEED})`).toEqual([]);
    }, 30_000);

    it('scrolls nothing sideways, and reads the relation list in the page', async () => {
      await page.goto(`${base}/explorer?entity=drug:baclofen`);
      await statusSays('Baclofen: expanded.');
      // Baclofen's own list is the longest the standard graph draws; its longest type is shown.
      expect(await page.locator('#relations h3', { hasText: 'NO_SIGNIFICANT_AFFINITY_FOR' }).count()).toBe(1);
      await page.locator('#relations button', { hasText: 'GHB receptor' }).first().click();
      await eventually(() => page.locator('#citation .fact').count()).toBe(1);
      // The type filter lists every relationship type by name.
      await page.locator('.filter summary').click();
      expect(await sideways(page)).toEqual({ pageScrolls: 0, sticksOut: [], scrollsSideways: [] });
      await screenshot('relations');
      // On a phone the page scrolls, so the list must not scroll inside it as well; wider, the
      // controls are a column of the window, which scrolls on its own by design.
      if (viewport.width <= 640) expect(await boxesAround(page, '#relations')).toEqual([]);

      await page.evaluate(() =>
        (window as unknown as ExplorerWindow).explorer.views.explore.select('target:gaba-b-receptor'),
      );
      await statusSays('GABAB receptor: expanded.');
      expect(await sideways(page)).toEqual({ pageScrolls: 0, sticksOut: [], scrollsSideways: [] });
    }, 30_000);

    it('shows the whole analogue table in the page, with nothing scrolling sideways', async () => {
      await page.goto(`${base}/explorer?mode=analogues`);
      await statusSays('Analogues loaded.');
      expect(await page.locator('#analogue-table tbody tr').count()).toBe(6);
      expect(await boxesAround(page, '#analogue-table')).toEqual([]);
      const scrollingInTable = await page.evaluate(() =>
        [...document.querySelectorAll('#analogue-table, #analogue-table *')]
          .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
          .map((e) => e.tagName),
      );
      expect(scrollingInTable).toEqual([]);
      expect(await sideways(page)).toEqual({ pageScrolls: 0, sticksOut: [], scrollsSideways: [] });
      // Each cell names its target, in the matrix's heading or, stacked, in its own label.
      const cell = page.locator(
        '#analogue-table tr[data-drug="drug:phenibut"] td[data-target="target:alpha2delta-vgcc"]',
      );
      expect(await cell.getAttribute('data-label')).toBe('α2δ subunit-containing voltage-gated calcium channel');
      expect(await cell.isVisible()).toBe(true);
      await screenshot('analogues');
    }, 30_000);
  });
}
