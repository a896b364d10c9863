/**
 * Path view
 *
 * The shortest paths between two entities (the API's `paths`), drawn together with the chosen
 * one highlighted, and its hops listed in order with their citations. An end is given as an id
 * (drug:baclofen) or picked from the search hits of what is typed.
 */
import { ENTITY, graphql, PATHS } from './api.js';
import { showCitations, shortLocator } from './citationPanel.js';
import { fill, h, resetRovingFocus, rovingFocus } from './dom.js';
import { createGraph, edgeElement, fitReadably, nodeElement } from './graphView.js';
import { factHeading } from './exploreView.js';
import { searchBox } from './searchBox.js';

const LOOKS_LIKE_ID = /^[a-z][a-z-]*:[\w-]+$/;

/** One end of the path: what was picked from the hits, or else what is typed. */
function endpoint({ form, input, list, onStatus }) {
  let picked = null;
  searchBox({
    form,
    input,
    list,
    first: 8,
    onStatus,
    onPick: (entity) => {
      set(entity);
      list.hidden = true;
      input.focus();
    },
  });
  function set(entity) {
    picked = entity;
    input.value = entity.name;
    input.dataset.id = entity.id;
  }
  input.addEventListener('input', () => {
    picked = null;
    delete input.dataset.id;
  });
  /** The entity meant: the hit picked, the id typed, or the best hit for the text typed. */
  async function resolve() {
    const text = input.value.trim();
    if (picked && picked.name === text) return picked;
    if (LOOKS_LIKE_ID.test(text)) {
      const { entity } = await graphql(ENTITY, { id: text });
      if (!entity) throw new Error(`no entity has the id ${text}`);
      return entity;
    }
    if (!text) throw new Error('give both ends of the path');
    const { search } = await graphql(
      'query ExplorerBestHit($query: String!) { search(query: $query, first: 1) { entity { id kind name } } }',
      { query: text },
    );
    if (search.length === 0) throw new Error(`nothing matches “${text}”`);
    set(search[0].entity);
    return search[0].entity;
  }
  return { set, resolve };
}

/**
 * Reads left to right: an entity stands in the column of its distance from the start (the same
 * on every shortest path), the entities of one column stacked in the order the paths list them.
 */
function columnPositions(paths) {
  const columns = [];
  const positions = {};
  for (const path of paths) {
    path.nodes.forEach((node, index) => {
      if (positions[node.id]) return;
      columns[index] = [...(columns[index] ?? []), node.id];
      positions[node.id] = true;
    });
  }
  columns.forEach((ids, column) =>
    ids.forEach((id, row) => (positions[id] = { x: column * 260, y: (row - (ids.length - 1) / 2) * 110 })),
  );
  return positions;
}

export function pathView({
  container,
  caption,
  from,
  to,
  findForm,
  maxHops,
  pathList,
  hopList,
  citations,
  onStatus,
  onKinds,
  onOpen,
}) {
  const cy = createGraph(container, { onNode: (id) => onOpen(id), onEdge: (id) => showHop(id), few: true });
  const start = endpoint({ ...from, onStatus });
  const end = endpoint({ ...to, onStatus });
  rovingFocus(pathList);
  rovingFocus(hopList);
  let paths = [];
  let names = new Map();

  function hopId(pathIndex, hopIndex) {
    return `path${pathIndex}-hop${hopIndex}`;
  }

  function hopFact(hop) {
    // A hop runs in path order; the heading shows the stored relationship's own direction.
    const [source, target] = hop.direction === 'OUTGOING' ? [hop.from.id, hop.to.id] : [hop.to.id, hop.from.id];
    return {
      heading: factHeading(names.get(source), hop.type, names.get(target)),
      qualifiers: hop.qualifiers,
      citation: hop.citation,
    };
  }

  function showHop(id) {
    const edge = cy.getElementById(id);
    if (edge.empty()) return;
    showCitations(citations, { title: 'Citation of this hop', facts: [hopFact(edge.data('fact'))] });
  }

  /** Draws every path found; the same fact on several paths is drawn once. */
  function draw() {
    cy.elements().remove();
    const elements = new Map();
    paths.forEach((path, p) => {
      for (const node of path.nodes) elements.set(node.id, nodeElement(node));
      path.hops.forEach((hop, i) => {
        const [source, target] = hop.direction === 'OUTGOING' ? [hop.from.id, hop.to.id] : [hop.to.id, hop.from.id];
        const key = `${source}|${hop.type}|${target}|${hop.citation.statement}`;
        if (!elements.has(key))
          elements.set(key, edgeElement({ id: hopId(p, i), source, target, type: hop.type, fact: hop }));
      });
    });
    cy.add([...elements.values()]);
    cy.layout({ name: 'preset', positions: columnPositions(paths), fit: false }).run();
    fitReadably(cy, { crowd: false });
    onKinds(new Set(cy.nodes().map((n) => n.data('kind'))));
  }

  function choose(index) {
    const path = paths[index];
    cy.elements().removeClass('on-path faded');
    const onPath = cy.collection();
    for (const node of path.nodes) onPath.merge(cy.getElementById(node.id));
    path.hops.forEach((hop) => {
      const [source, target] = hop.direction === 'OUTGOING' ? [hop.from.id, hop.to.id] : [hop.to.id, hop.from.id];
      onPath.merge(
        cy
          .edges(`[source = "${source}"][target = "${target}"][type = "${hop.type}"]`)
          .filter((e) => e.data('fact').citation.statement === hop.citation.statement),
      );
    });
    onPath.addClass('on-path');
    cy.elements().not(onPath).addClass('faded');
    for (const button of pathList.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(Number(button.dataset.index) === index));
    fill(
      hopList,
      path.hops.map((hop, i) => {
        const fact = hopFact(hop);
        return h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              className: 'hop',
              onClick: () => showCitations(citations, { title: `Hop ${i + 1} of ${path.length}`, facts: [fact] }),
            },
            h(
              'span',
              { className: 'name' },
              `${i + 1}. ${names.get(hop.from.id)} ${hop.direction === 'OUTGOING' ? '→' : '←'} ${hop.type} ${hop.direction === 'OUTGOING' ? '→' : '←'} ${names.get(hop.to.id)}`,
            ),
            h('span', { className: 'statement' }, hop.citation.statement),
            h(
              'span',
              { className: 'where' },
              shortLocator(hop.citation),
              hop.citation.hedge && ` · ${hop.citation.hedge}`,
            ),
          ),
        );
      }),
    );
    resetRovingFocus(hopList);
    caption.textContent = `Path ${index + 1} of ${paths.length}: ${path.nodes.map((n) => n.name).join(' → ')}. Click a hop for its citation.`;
  }

  async function find() {
    try {
      onStatus('Finding paths…');
      const [a, b] = await Promise.all([start.resolve(), end.resolve()]);
      const result = await graphql(PATHS, { from: a.id, to: b.id, maxHops: Number(maxHops.value) });
      paths = result.paths;
      names = new Map(paths.flatMap((path) => path.nodes.map((node) => [node.id, node.name])));
      if (paths.length === 0) {
        cy.elements().remove();
        fill(
          pathList,
          h('li', { className: 'hint' }, `No path of at most ${maxHops.value} hops joins ${a.name} and ${b.name}.`),
        );
        fill(hopList);
        caption.textContent = 'No path found.';
        onStatus('No path found.');
        return;
      }
      fill(
        pathList,
        paths.map((path, index) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                className: 'path',
                dataset: { index: String(index) },
                'aria-pressed': 'false',
                onClick: () => choose(index),
              },
              h('span', { className: 'name' }, `${index + 1}. ${path.nodes.map((n) => n.name).join(' → ')}`),
              h(
                'span',
                { className: 'where' },
                path.hops.map((hop) => `${hop.type} (${shortLocator(hop.citation)})`).join(', '),
              ),
            ),
          ),
        ),
      );
      resetRovingFocus(pathList);
      draw();
      choose(0);
      onStatus(`${paths.length} shortest paths of ${paths[0].length} hops from ${a.name} to ${b.name}.`);
    } catch (error) {
      onStatus(`Could not find paths: ${error.message}`);
    }
  }

  findForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void find();
  });

  return { cy, find, setFrom: start.set, setTo: end.set };
}
