/**
 * Graph drawing
 *
 * One look for every drawing: an entity's colour and shape come from its kind (the shape keeps
 * kinds apart for readers who cannot tell the colours apart), an edge is one statement, labelled
 * with its relationship type and drawn thicker the more sentences state it. A negative
 * statement (the source denies the link) is dashed and red with a crossed arrowhead, a neutral
 * one dotted; the legend in index.html says so. cytoscape is loaded by index.html as a classic script from
 * /explorer/vendor/cytoscape.min.js (served from node_modules, no CDN) and read here from window.
 */
import { h } from './dom.js';

/** Colour and shape of each entity kind; the legend is drawn from this too. */
export const KINDS = {
  Drug: { colour: '#d94f4f', shape: 'ellipse' },
  DrugClass: { colour: '#f08a24', shape: 'hexagon' },
  Target: { colour: '#3f6fb5', shape: 'diamond' },
  Condition: { colour: '#4f9a45', shape: 'round-rectangle' },
  Effect: { colour: '#e3bd2d', shape: 'ellipse' },
  Brand: { colour: '#a066a0', shape: 'tag' },
  Route: { colour: '#3fa7a0', shape: 'triangle' },
  Organization: { colour: '#8c6a4f', shape: 'rectangle' },
  Person: { colour: '#f08fa0', shape: 'pentagon' },
  Publication: { colour: '#8f8f8f', shape: 'rectangle' },
  Pathway: { colour: '#29b6d1', shape: 'octagon' },
  Event: { colour: '#7d8cc4', shape: 'star' },
};

const NEGATIVE = '#b3261e';

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': (node) => KINDS[node.data('kind')]?.colour ?? '#999',
      shape: (node) => KINDS[node.data('kind')]?.shape ?? 'ellipse',
      label: 'data(name)',
      width: 22,
      height: 22,
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1d2330',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'wrap',
      'text-max-width': 110,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': 1,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.expanded', style: { width: 30, height: 30, 'border-width': 2, 'border-color': '#1d2330' } },
  {
    selector: 'node.selected',
    style: { width: 40, height: 40, 'font-size': 14, 'font-weight': 'bold', 'border-width': 4, 'border-color': '#111' },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9aa3b2',
      'target-arrow-color': '#9aa3b2',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 9,
      'font-family': 'system-ui, sans-serif',
      color: '#4a5263',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': 1,
      // Labels of a zoomed-out drawing would be unreadable smudges; they come back on zoom-in.
      'min-zoomed-font-size': 7,
    },
  },
  // Around a hub, mid-edge labels pile up on one another; a label sits near the edge's outer end.
  {
    selector: 'edge[labelAt = "target"]',
    style: {
      label: '',
      'target-label': 'data(label)',
      'target-text-offset': 48,
      'target-text-rotation': 'autorotate',
    },
  },
  {
    selector: 'edge[labelAt = "source"]',
    style: {
      label: '',
      'source-label': 'data(label)',
      'source-text-offset': 48,
      'source-text-rotation': 'autorotate',
    },
  },
  {
    selector: 'edge[evidenceCount > 1]',
    style: { width: (edge) => 1.5 + 0.75 * Math.min(edge.data('evidenceCount') - 1, 4) },
  },
  {
    selector: 'edge.negative',
    style: {
      'line-style': 'dashed',
      'line-dash-pattern': [6, 4],
      'line-color': NEGATIVE,
      'target-arrow-color': NEGATIVE,
      'target-arrow-shape': 'triangle-cross',
      color: NEGATIVE,
    },
  },
  {
    selector: 'edge.neutral',
    style: { 'line-style': 'dotted', 'line-color': '#7a6f9b', 'target-arrow-color': '#7a6f9b' },
  },
  {
    selector: 'node.group',
    style: {
      label: 'data(name)',
      width: (node) => 26 + 3 * Math.sqrt(node.data('count')),
      height: (node) => 26 + 3 * Math.sqrt(node.data('count')),
      'font-weight': 'bold',
      'border-width': 3,
      'border-style': 'double',
      'border-color': '#1d2330',
    },
  },
  { selector: 'edge.group', style: { 'line-style': 'solid', width: 3, 'line-color': '#b8bfcc' } },
  {
    selector: 'edge.chosen',
    style: { width: 4, 'line-color': '#c2185b', 'target-arrow-color': '#c2185b', color: '#c2185b', 'z-index': 10 },
  },
  {
    selector: 'edge.on-path',
    style: { width: 5, 'line-color': '#c2185b', 'target-arrow-color': '#c2185b', color: '#8a0f3f', 'font-size': 11 },
  },
  { selector: 'node.on-path', style: { width: 36, height: 36, 'border-width': 3, 'border-color': '#c2185b' } },
  { selector: '.faded', style: { opacity: 0.25 } },
  { selector: '.filtered', style: { display: 'none' } },
  { selector: '.grouped', style: { display: 'none' } },
];

/**
 * Draws into `container`. `onNode(id)` and `onEdge(id)` are called when a node or an edge is
 * clicked or tapped. `few` is for drawings of a handful of nodes, which have room for larger type.
 */
export function createGraph(container, { onNode, onEdge, few = false }) {
  const cy = window.cytoscape({
    container,
    style: STYLE,
    // Low enough that an expanded neighbourhood still fits a phone's frame (fitReadably).
    minZoom: 0.05,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autounselectify: true,
  });
  if (few) cy.style().selector('node').style('font-size', 14).selector('edge').style('font-size', 11).update();
  cy.on('tap', 'node', (event) => onNode(event.target.id()));
  cy.on('tap', 'edge', (event) => onEdge(event.target.id()));
  return cy;
}

export function nodeElement(entity, position) {
  return { group: 'nodes', data: { id: entity.id, kind: entity.kind, name: entity.name }, position };
}

/**
 * One statement as an edge. `fact` is kept on the edge so a click can show its citation without
 * asking the API again; the label counts the sentences that state it when there are several.
 */
export function edgeElement({ id, source, target, type, label, polarity = 'POSITIVE', evidenceCount = 1, fact }) {
  return {
    group: 'edges',
    data: { id, source, target, type, label: label ?? evidenceLabel(type, evidenceCount), evidenceCount, fact },
    classes: polarity.toLowerCase(),
  };
}

const evidenceLabel = (type, count) => (count > 1 ? `${type} ×${count}` : type);

/**
 * Lays the drawing out. `fromScratch` places every node anew; otherwise nodes already drawn
 * keep roughly their place, so expanding a node does not scramble the reader's picture.
 */
export function layout(cy, { fromScratch = true } = {}) {
  // Entities hidden in a group keep their place, out of the layout's way.
  const drawn = cy.elements().not('.grouped');
  const count = drawn.nodes().length;
  placeLabels(cy);
  drawn
    .layout({
      name: 'cose',
      animate: false,
      randomize: fromScratch,
      fit: false,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => (count > 60 ? 110 : 140),
      nodeRepulsion: () => (count > 60 ? 14000 : 20000),
      nodeOverlap: 20,
      componentSpacing: 80,
      gravity: 0.6,
      numIter: 1500,
    })
    .run();
  separate(drawn.nodes());
  // A first drawing appears in its frame; a grown one glides there, so the reader sees where
  // the picture they had went.
  fitReadably(cy, { animate: !fromScratch });
}

/** Room the separation leaves between two boxes, in model pixels. */
const GAP = 4;
/** Enough for a neighbourhood of hundreds; each round is a sweep, cheap next to cose. */
const SEPARATION_ROUNDS = 300;

/**
 * cose spaces nodes by their size with their labels, but it is a force simulation: it stops when
 * the forces balance, not when nothing overlaps, and around a hub with dozens of neighbours it
 * leaves labels on top of one another. This pass removes what it leaves: each pair of boxes
 * (shape and label) closer than GAP moves apart, half each, along the axis that needs the shorter
 * move (labels are wide and low, so mostly up and down), until a whole round moves nothing. A box
 * only translates with its node, so each is measured once.
 */
function separate(nodes) {
  const items = nodes
    .map((node) => ({ node, box: node.boundingBox({ includeOverlays: false }), dx: 0, dy: 0 }))
    .filter(({ box }) => box.w > 0);
  const move = (item, dx, dy) => {
    item.dx += dx;
    item.dy += dy;
    item.box = { x1: item.box.x1 + dx, x2: item.box.x2 + dx, y1: item.box.y1 + dy, y2: item.box.y2 + dy };
  };
  for (let round = 0; round < SEPARATION_ROUNDS; round++) {
    // Sorted by left edge, a box meets only those that start before it ends. Boxes moved in
    // this round may be out of order; the round after sorts again, and a round that moves
    // nothing sees them in order, so its verdict is exact.
    items.sort((a, b) => a.box.x1 - b.box.x1);
    let moved = false;
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i], items[j]];
        if (b.box.x1 >= a.box.x2 + GAP) break;
        const overlapX = Math.min(a.box.x2, b.box.x2) - Math.max(a.box.x1, b.box.x1) + GAP;
        const overlapY = Math.min(a.box.y2, b.box.y2) - Math.max(a.box.y1, b.box.y1) + GAP;
        if (overlapX <= 1e-6 || overlapY <= 1e-6) continue;
        moved = true;
        if (overlapX < overlapY) {
          const away = a.box.x1 + a.box.x2 <= b.box.x1 + b.box.x2 ? 1 : -1;
          move(a, (-away * overlapX) / 2, 0);
          move(b, (away * overlapX) / 2, 0);
        } else {
          const away = a.box.y1 + a.box.y2 <= b.box.y1 + b.box.y2 ? 1 : -1;
          move(a, 0, (-away * overlapY) / 2);
          move(b, 0, (away * overlapY) / 2);
        }
      }
    }
    if (!moved) break;
  }
  nodes.cy().batch(() => {
    for (const { node, dx, dy } of items) {
      if (dx === 0 && dy === 0) continue;
      const { x, y } = node.position();
      node.position({ x: x + dx, y: y + dy });
    }
  });
}

const LARGEST_ZOOM = 1.4;
const FIT_PADDING = 30;
const REFIT_MS = 300;

/**
 * Shows the whole drawing: every node and label drawn lies inside the frame, so what an expansion
 * added is on screen and not past its edge. A few nodes are not blown up past a comfortable size.
 * A crowd fitted so is drawn small: its edge labels then step aside (min-zoomed-font-size) rather
 * than smudge, and the reader zooms in where they want to read. With `animate`, the view glides
 * to its new frame.
 */
export function fitReadably(cy, { animate = false } = {}) {
  const shown = cy.elements(':visible');
  if (shown.empty()) return;
  cy.stop(true);
  const before = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  cy.fit(shown, FIT_PADDING);
  if (cy.zoom() > LARGEST_ZOOM) {
    cy.zoom(LARGEST_ZOOM);
    cy.center(shown);
  }
  if (!animate) return;
  // Worked out by fitting at once (nothing is painted in between), then animated from where it was.
  const after = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  cy.viewport(before);
  cy.animate(after, { duration: REFIT_MS, easing: 'ease-in-out-cubic' });
}

/** Puts each label at the end of its edge away from the busier entity. */
function placeLabels(cy) {
  cy.edges().forEach((edge) => {
    const source = edge.source().degree();
    const target = edge.target().degree();
    edge.data('labelAt', source > 2 * target ? 'target' : target > 2 * source ? 'source' : 'middle');
  });
}

/** Legend entries, one per kind drawn. */
export function legendItems(kinds) {
  return Object.entries(KINDS).filter(([kind]) => kinds.has(kind));
}

/** A kind's name on its drawing colour, so lists and legend match the picture. */
export function kindBadge(kind) {
  return h('span', { className: 'kind', style: `--kind: ${KINDS[kind]?.colour ?? '#999'}` }, kind);
}
