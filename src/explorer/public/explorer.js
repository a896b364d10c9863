/**
 * Graph explorer
 *
 * The page's entry point: wires the search box, the three views (neighbourhood, path,
 * analogues) and the shared citation panel and legend. Only one view shows at a time; each
 * keeps its own drawing, so switching back finds the picture as it was left.
 *
 * Tests and curious readers can reach the drawings through `window.explorer`.
 */
import { analoguesView } from './analoguesView.js';
import { clearCitations } from './citationPanel.js';
import { fill, h } from './dom.js';
import { exploreView } from './exploreView.js';
import { legendItems } from './graphView.js';
import { pathView } from './pathView.js';
import { searchBox } from './searchBox.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const citations = $('citation');
const onStatus = (text) => (status.textContent = text);
const kindsByMode = new Map();
let mode = 'explore';

const HINTS = {
  explore: 'Click an edge, or a relation in the list, to see the sentence that states it.',
  path: 'Click a hop, in the drawing or the list, to see the sentence that states it.',
  analogues: 'Click an edge, a “Sources” button or a Ki value to see the sentences that state it.',
};

function renderLegend() {
  const items = legendItems(kindsByMode.get(mode) ?? new Set());
  fill(
    $('legend-items'),
    items.length === 0
      ? h('li', { className: 'hint' }, 'Nothing drawn yet.')
      : items.map(([kind, { colour }]) =>
          h('li', {}, h('span', { className: 'swatch', style: `--kind: ${colour}` }), kind),
        ),
  );
}
const kindsOf = (which) => (kinds) => {
  kindsByMode.set(which, kinds);
  if (mode === which) renderLegend();
};

const explore = exploreView({
  container: $('graph-explore'),
  caption: $('caption-explore'),
  card: $('entity-card'),
  relations: $('relations'),
  typeFilter: $('type-filter'),
  citations,
  onStatus,
  onKinds: kindsOf('explore'),
  onPathFrom: (entity) => {
    path.setFrom(entity);
    show('path');
    $('path-to').focus();
  },
});

/** A node clicked in the path or analogue drawing opens in the neighbourhood view. */
function openInExplore(id) {
  show('explore');
  void explore.open(id);
}

const path = pathView({
  container: $('graph-path'),
  caption: $('caption-path'),
  from: { form: $('path-from-form'), input: $('path-from'), list: $('path-from-hits') },
  to: { form: $('path-to-form'), input: $('path-to'), list: $('path-to-hits') },
  findForm: $('path-find'),
  maxHops: $('path-max-hops'),
  pathList: $('path-list'),
  hopList: $('hop-list'),
  citations,
  onStatus,
  onKinds: kindsOf('path'),
  onOpen: openInExplore,
});

const analogues = analoguesView({
  container: $('graph-analogues'),
  caption: $('caption-analogues'),
  table: $('analogue-table'),
  summary: $('analogue-summary'),
  citations,
  onStatus,
  onKinds: kindsOf('analogues'),
  onOpen: openInExplore,
});

const views = { explore, path, analogues };

// cytoscape measures its container only when the window resizes; a caption or table that grows
// or a narrower layout changes the container too, and the canvas must follow it.
for (const view of Object.values(views)) {
  new window.ResizeObserver(() => view.cy.resize()).observe(view.cy.container());
}

searchBox({
  form: $('search-form'),
  input: $('search'),
  list: $('search-hits'),
  onStatus,
  onPick: (entity) => void explore.open(entity.id),
});

function show(next) {
  mode = next;
  document.body.dataset.mode = next;
  for (const button of document.querySelectorAll('[data-show]')) {
    button.setAttribute('aria-pressed', String(button.dataset.show === next));
  }
  for (const panel of document.querySelectorAll('[data-mode-panel]')) panel.hidden = panel.dataset.modePanel !== next;
  // A hidden drawing has no size; it is measured again once it shows.
  views[next].cy.resize();
  clearCitations(citations, HINTS[next]);
  if (next === 'analogues') void analogues.load();
  renderLegend();
  const url = new URL(window.location.href);
  if (next === 'explore') url.searchParams.delete('mode');
  else url.searchParams.set('mode', next);
  window.history.replaceState(null, '', url);
}

for (const button of document.querySelectorAll('[data-show]')) {
  button.addEventListener('click', () => show(button.dataset.show));
}

for (const button of document.querySelectorAll('[data-zoom]')) {
  button.addEventListener('click', () => {
    const cy = views[mode].cy;
    // The reader's zoom wins over a refit still gliding (graphView.js fitReadably).
    cy.stop(true);
    if (button.dataset.zoom === 'fit') cy.fit(undefined, 30);
    else {
      const centre = { x: cy.width() / 2, y: cy.height() / 2 };
      cy.zoom({ level: cy.zoom() * (button.dataset.zoom === 'in' ? 1.25 : 0.8), renderedPosition: centre });
    }
  });
}

const params = new URLSearchParams(window.location.search);
show(['path', 'analogues'].includes(params.get('mode')) ? params.get('mode') : 'explore');
if (params.get('entity')) void explore.open(params.get('entity'));

window.explorer = { views, mode: () => mode, show };
