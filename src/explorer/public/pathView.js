/**
 * Path view
 *
 * The shortest paths between two entities (the API's `paths`, one per sequence of entities),
 * drawn together with the chosen one highlighted, and its hops listed in order. A hop may rest
 * on several statements (baclofen both acts on and binds a target): each is drawn as its own
 * edge and listed under the hop, and a hop's citations show every sentence of each. An end is
 * given as an id (drug:baclofen) or picked from the search hits of what is typed.
 */
import { ENTITY, graphql, PATHS, pathsToAsk } from './api.js';
import { showCitations, shortLocator } from './citationPanel.js';
import { fill, h, resetRovingFocus, rovingFocus } from './dom.js';
import { createGraph, edgeElement, fitReadably, nodeElement } from './graphView.js';
import { factHeading } from './exploreView.js';
import { searchBox } from './searchBox.js';

const LOOKS_LIKE_ID = /^[a-z][a-z-]*:[\w-]+$/;

/** Which way a statement runs along a hop. */
const arrow = (hop, statement) => (statement.source === hop.from.id ? '→' : '←');
const sentences = (count) => (count === 1 ? '1 sentence' : `${count} sentences`);

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

  /** A statement as the citation panel shows it, headed in its own (stored) direction. */
  function statementFact(statement) {
    return {
      heading: factHeading(names.get(statement.source), statement.type, names.get(statement.target)),
      qualifiers: statement.qualifiers,
      polarity: statement.polarity,
      citations: statement.citations,
    };
  }

  function showHop(id) {
    const edge = cy.getElementById(id);
    if (edge.empty()) return;
    showCitations(citations, { title: 'Citations of this statement', facts: [statementFact(edge.data('fact'))] });
  }

  /** Draws every path found; a statement on several paths is drawn once. */
  function draw() {
    cy.elements().remove();
    const elements = new Map();
    for (const path of paths) {
      for (const node of path.nodes) elements.set(node.id, nodeElement(node));
      for (const statement of path.hops.flatMap((hop) => hop.statements)) {
        elements.set(statement.id, edgeElement({ ...statement, fact: statement }));
      }
    }
    cy.add([...elements.values()]);
    cy.layout({ name: 'preset', positions: columnPositions(paths), fit: false }).run();
    fitReadably(cy);
    onKinds(new Set(cy.nodes().map((n) => n.data('kind'))));
  }

  /** A hop in the list: its ends, then each statement with its first sentence. */
  function hopButton(path, hop, i) {
    return h(
      'button',
      {
        type: 'button',
        className: 'hop',
        onClick: () =>
          showCitations(citations, {
            title: `Hop ${i + 1} of ${path.length}`,
            facts: hop.statements.map(statementFact),
          }),
      },
      h('span', { className: 'name' }, `${i + 1}. ${names.get(hop.from.id)} → ${names.get(hop.to.id)}`),
      hop.statements.map((statement) => {
        const first = statement.citations[0];
        return h(
          'span',
          { className: 'hop-statement' },
          h('span', { className: 'type' }, `${arrow(hop, statement)} ${statement.type} ${arrow(hop, statement)}`),
          h('span', { className: 'statement' }, first.statement),
          h(
            'span',
            { className: 'where' },
            shortLocator(first),
            first.hedge && ` · ${first.hedge}`,
            statement.evidenceCount > 1 && ` · ${sentences(statement.evidenceCount)}`,
          ),
        );
      }),
    );
  }

  function choose(index) {
    const path = paths[index];
    cy.elements().removeClass('on-path faded');
    const onPath = cy.collection();
    for (const node of path.nodes) onPath.merge(cy.getElementById(node.id));
    for (const statement of path.hops.flatMap((hop) => hop.statements)) onPath.merge(cy.getElementById(statement.id));
    onPath.addClass('on-path');
    cy.elements().not(onPath).addClass('faded');
    for (const button of pathList.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(Number(button.dataset.index) === index));
    fill(
      hopList,
      path.hops.map((hop, i) => h('li', {}, hopButton(path, hop, i))),
    );
    resetRovingFocus(hopList);
    caption.textContent = `Path ${index + 1} of ${paths.length}: ${path.nodes.map((n) => n.name).join(' → ')}, resting on ${sentences(path.evidenceCount)}. Click a hop for its citations.`;
  }

  async function find() {
    try {
      onStatus('Finding paths…');
      const [a, b] = await Promise.all([start.resolve(), end.resolve()]);
      const hops = Number(maxHops.value);
      const result = await graphql(PATHS, { from: a.id, to: b.id, maxHops: hops, first: pathsToAsk(hops) });
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
                path.hops.map((hop) => hop.statements.map((statement) => statement.type).join(' + ')).join(', '),
                ` · ${sentences(path.evidenceCount)}`,
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
