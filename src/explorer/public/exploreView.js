/**
 * Neighbourhood view
 *
 * Picking an entity draws its neighbourhood; clicking a node expands it, merging its
 * neighbourhood into what is drawn rather than replacing it, so a reader can grow a picture hop
 * by hop. Every edge is one statement: clicking it, or its button in the relation list (the way
 * in without a mouse), shows every sentence that states it. Leaves are drawn in groups
 * (leafGroups.js) that open on a click, and a relationship type can be hidden to thin the picture.
 */
import { graphql, NEIGHBOURHOOD } from './api.js';
import { showCitations, shortLocator } from './citationPanel.js';
import { fill, h, resetRovingFocus, rovingFocus } from './dom.js';
import { evidenceLoader } from './evidence.js';
import { createGraph, edgeElement, kindBadge, layout, nodeElement } from './graphView.js';
import { groupLeaves, groupOf, openGroup } from './leafGroups.js';

/** "Baclofen —ACTS_ON→ GABAB receptor": the reading direction of the stored relationship. */
export function factHeading(sourceName, type, targetName) {
  return `${sourceName} —${type}→ ${targetName}`;
}

export function exploreView({
  container,
  caption,
  card,
  relations,
  typeFilter,
  citations,
  onStatus,
  onKinds,
  onPathFrom,
}) {
  const expanded = new Set();
  const hiddenTypes = new Set();
  const openedGroups = new Set();
  let selectedId = null;
  const evidenceOf = evidenceLoader();
  const cy = createGraph(container, {
    onNode: (id) => (cy.getElementById(id).data('group') ? openGroupOf(id) : void select(id)),
    onEdge: (id) => (cy.getElementById(id).data('group') ? openGroupOf(id) : void showEdge(id)),
  });
  rovingFocus(relations);

  const nameOf = (id) => cy.getElementById(id).data('name') ?? id;
  /** The entities and statements, drawn or grouped; not the group nodes and edges. */
  const statements = () => cy.edges('[^group]');
  const entities = () => cy.nodes('[^group]');

  function openGroupOf(id) {
    const key = cy.getElementById(id).data('group');
    openedGroups.add(key);
    openGroup(cy, key);
    layout(cy, { fromScratch: false });
    applyFilter();
    renderCaption();
  }

  /** Shows a statement with its first sentence at once, then with all of them once loaded. */
  async function showEdge(id) {
    const key = groupOf(cy, id);
    if (key) openGroupOf(`group:${key}`);
    const edge = cy.getElementById(id);
    if (edge.empty()) return;
    cy.edges('.chosen').removeClass('chosen');
    edge.addClass('chosen');
    const { source, target, type, fact } = edge.data();
    const render = (list) =>
      showCitations(citations, {
        title: fact.evidenceCount > 1 ? 'Citations' : 'Citation',
        facts: [
          {
            heading: factHeading(nameOf(source), type, nameOf(target)),
            qualifiers: fact.qualifiers,
            polarity: fact.polarity,
            evidenceCount: fact.evidenceCount,
            citations: list,
          },
        ],
        actions: [source, target]
          .filter((end) => end !== selectedId)
          .map((end) => ({ label: `Open ${nameOf(end)}`, onClick: () => void select(end) })),
      });
    render([fact.citation]);
    try {
      const all = await evidenceOf({ id, subject: source, type });
      // The reader may have moved on to another edge meanwhile.
      if (edge.hasClass('chosen')) render(all);
    } catch (error) {
      onStatus(`Could not load the evidence of ${factHeading(nameOf(source), type, nameOf(target))}: ${error.message}`);
    }
  }

  /** Merges a neighbourhood into the drawing; new nodes start next to the node they hang off. */
  function merge({ nodes, edges }, around) {
    const centre = around && !cy.getElementById(around).empty() ? cy.getElementById(around).position() : { x: 0, y: 0 };
    const added = [];
    for (const node of nodes) {
      if (!cy.getElementById(node.id).empty()) continue;
      const angle = Math.random() * 2 * Math.PI;
      added.push(nodeElement(node, { x: centre.x + 60 * Math.cos(angle), y: centre.y + 60 * Math.sin(angle) }));
    }
    for (const edge of edges) {
      if (!cy.getElementById(edge.id).empty()) continue;
      const { qualifiers, citation, polarity, evidenceCount } = edge;
      added.push(edgeElement({ ...edge, fact: { qualifiers, citation, polarity, evidenceCount } }));
    }
    cy.add(added);
    return added.length;
  }

  function applyFilter() {
    cy.edges().forEach((edge) => edge.toggleClass('filtered', hiddenTypes.has(edge.data('type'))));
    // An entity reached only through hidden relationships is hidden with them.
    cy.nodes().forEach((node) => {
      const visible = expanded.has(node.id()) || node.connectedEdges().some((edge) => !edge.hasClass('filtered'));
      node.toggleClass('filtered', !visible);
    });
  }

  function renderTypeFilter() {
    const counts = new Map();
    statements().forEach((edge) => counts.set(edge.data('type'), (counts.get(edge.data('type')) ?? 0) + 1));
    fill(
      typeFilter,
      [...counts.keys()].sort().map((type) =>
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            value: type,
            checked: !hiddenTypes.has(type),
            onChange: (event) => {
              if (event.target.checked) hiddenTypes.delete(type);
              else hiddenTypes.add(type);
              applyFilter();
              renderRelations();
            },
          }),
          ` ${type} (${counts.get(type)})`,
        ),
      ),
    );
  }

  function renderCard(centre) {
    fill(
      card,
      h('h2', {}, centre.name, ' ', kindBadge(centre.kind)),
      h('p', { className: 'id' }, h('code', {}, centre.id)),
      centre.synonyms.length > 0 && h('p', { className: 'synonyms' }, 'Also: ', centre.synonyms.join(', ')),
      h('p', { className: 'description' }, centre.description),
      h(
        'div',
        { className: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onClick: () =>
              showCitations(citations, {
                title: `Why ${centre.name} is in the graph`,
                facts: [{ citation: centre.citation }],
              }),
          },
          'Its citation',
        ),
        h(
          'button',
          { type: 'button', onClick: () => onPathFrom({ id: centre.id, name: centre.name }) },
          'Path from here',
        ),
      ),
    );
    card.hidden = false;
  }

  /** The selected entity's relationships as buttons, grouped by type. */
  function renderRelations() {
    const node = cy.getElementById(selectedId);
    const byType = new Map();
    node.connectedEdges('[^group]').forEach((edge) => {
      if (hiddenTypes.has(edge.data('type'))) return;
      const list = byType.get(edge.data('type')) ?? [];
      list.push(edge);
      byType.set(edge.data('type'), list);
    });
    const items = [...byType.keys()].sort().map((type) => {
      const edges = byType
        .get(type)
        .sort(
          (a, b) =>
            otherName(a).localeCompare(otherName(b)) ||
            shortLocator(a.data('fact').citation).localeCompare(shortLocator(b.data('fact').citation)),
        );
      return h(
        'li',
        {},
        h('h3', {}, `${type} (${edges.length})`),
        h(
          'ul',
          {},
          edges.map((edge) => {
            const outgoing = edge.data('source') === selectedId;
            const citation = edge.data('fact').citation;
            return h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  className: 'relation',
                  dataset: { edge: edge.id() },
                  onClick: () => showEdge(edge.id()),
                },
                h('span', { className: 'name' }, `${outgoing ? '→' : '←'} ${otherName(edge)}`),
                h(
                  'span',
                  { className: 'where' },
                  shortLocator(citation),
                  citation.hedge && ` · ${citation.hedge}`,
                  edge.data('fact').evidenceCount > 1 && ` · ${edge.data('fact').evidenceCount} sentences`,
                  edge.data('fact').polarity === 'NEGATIVE' && ' · negative',
                ),
              ),
            );
          }),
        ),
      );
    });
    fill(relations, items.length > 0 ? items : h('li', { className: 'hint' }, 'No relationships shown.'));
    resetRovingFocus(relations);
  }

  function otherName(edge) {
    return nameOf(edge.data('source') === selectedId ? edge.data('target') : edge.data('source'));
  }

  function renderCaption() {
    const shown = entities().not('.filtered');
    const drawn = { nodes: cy.nodes(':visible').length, edges: cy.edges(':visible').length };
    const groups = cy.nodes('.group:visible').length;
    caption.textContent =
      `${nameOf(selectedId)} and its neighbourhood: ${shown.length} entities, ${statements().not('.filtered').length} relationships shown (${expanded.size} expanded), ` +
      `drawn as ${drawn.nodes} nodes and ${drawn.edges} edges` +
      (groups > 0 ? `: ${cy.nodes('.grouped').length} leaves in ${groups} groups, click a group to open it.` : '.') +
      ' Click a node to expand it, an edge for its citations.';
    container.dataset.nodes = String(entities().length);
    container.dataset.edges = String(statements().length);
    container.dataset.drawnNodes = String(drawn.nodes);
    container.dataset.drawnEdges = String(drawn.edges);
    onKinds(new Set(entities().map((n) => n.data('kind'))));
  }

  /** Selects an entity and expands it (once; selecting it again only re-centres the lists). */
  async function select(id) {
    onStatus(`Loading the neighbourhood of ${nameOf(id)}…`);
    try {
      const { neighbourhood } = await graphql(NEIGHBOURHOOD, { id });
      if (!neighbourhood) {
        onStatus(`No entity has the id ${id}.`);
        return;
      }
      const fromScratch = cy.nodes().length === 0;
      const added = merge(neighbourhood, id);
      expanded.add(id);
      selectedId = id;
      cy.nodes('.selected').removeClass('selected');
      cy.getElementById(id).addClass('selected expanded');
      if (added > 0) {
        groupLeaves(cy, { keep: expanded, opened: openedGroups });
        layout(cy, { fromScratch });
      }
      applyFilter();
      renderCard(neighbourhood.centre);
      renderTypeFilter();
      renderRelations();
      renderCaption();
      const url = new URL(window.location.href);
      url.searchParams.set('entity', id);
      window.history.replaceState(null, '', url);
      onStatus(`${neighbourhood.centre.name}: ${added > 0 ? 'expanded' : 'already drawn'}.`);
    } catch (error) {
      onStatus(`Could not load ${id}: ${error.message}`);
    }
  }

  /** Starts over with one entity. */
  async function open(id) {
    cy.elements().remove();
    expanded.clear();
    openedGroups.clear();
    await select(id);
  }

  return { cy, select, open, selected: () => selectedId };
}
