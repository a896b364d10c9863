/**
 * Leaf groups
 *
 * Around a hub, dozens of entities hang by one statement each (the effects baclofen causes, which
 * nothing else drawn links to): drawn one by one they bury the rest of the picture. Leaves of one
 * kind that hang off the same entity by the same relationship type, in the same direction, are
 * drawn instead as one group node ("42 effects (CAUSES)") joined to the hub by one edge. A group
 * forms from GROUP_AT leaves up; fewer are drawn as they are. Clicking a group opens it for good.
 *
 * The grouped entities and statements stay in the drawing, hidden (class `grouped`), so lists
 * and counts still see them; group nodes and edges carry a `group` data field, which entity
 * nodes and statement edges never have (select those with `[^group]`).
 */

export const GROUP_AT = 5;

const plural = (kind) => (kind === 'DrugClass' ? 'drug classes' : `${kind.toLowerCase()}s`);

/**
 * Where a leaf hangs: "hub|TYPE|out|Kind" for an entity linked by one statement only, else null.
 * Group nodes and edges must be out of the way (or not be counted) when this is asked.
 */
function leafKey(node) {
  const edges = node.connectedEdges('[^group]');
  if (edges.length !== 1) return null;
  const edge = edges[0];
  const outgoing = edge.target().same(node);
  const hub = outgoing ? edge.source() : edge.target();
  return `${hub.id()}|${edge.data('type')}|${outgoing ? 'out' : 'in'}|${node.data('kind')}`;
}

/**
 * Regroups the leaves of the drawing. `keep` holds ids never grouped (the expanded entities),
 * `opened` the keys of groups the reader opened.
 */
export function groupLeaves(cy, { keep, opened }) {
  cy.elements('[group]').remove();
  cy.elements('.grouped').removeClass('grouped');
  const leavesByKey = new Map();
  cy.nodes().forEach((node) => {
    const key = !keep.has(node.id()) && leafKey(node);
    if (!key || opened.has(key)) return;
    leavesByKey.set(key, [...(leavesByKey.get(key) ?? []), node]);
  });
  for (const [key, leaves] of leavesByKey) {
    if (leaves.length >= GROUP_AT) cy.add(groupElements(cy.collection(leaves), key));
  }
}

/** A group node where its leaves' middle was, and the edge joining it to their hub. */
function groupElements(leaves, key) {
  const statement = leaves.connectedEdges()[0];
  const kind = leaves[0].data('kind');
  const type = statement.data('type');
  const outgoing = statement.target().same(leaves[0]);
  const hub = outgoing ? statement.source().id() : statement.target().id();
  leaves.union(leaves.connectedEdges()).addClass('grouped');
  const count = leaves.length;
  const sum = leaves.reduce((total, leaf) => ({ x: total.x + leaf.position('x'), y: total.y + leaf.position('y') }), {
    x: 0,
    y: 0,
  });
  const id = `group:${key}`;
  return [
    {
      group: 'nodes',
      data: { id, group: key, kind, count, name: `${count} ${plural(kind)} (${type})` },
      position: { x: sum.x / count, y: sum.y / count },
      classes: 'group',
    },
    {
      group: 'edges',
      data: {
        id: `${id}/edge`,
        group: key,
        type,
        label: `${type} ×${count}`,
        source: outgoing ? hub : id,
        target: outgoing ? id : hub,
      },
      classes: 'group',
    },
  ];
}

/** The group a statement's leaf is hidden in, or null when it is drawn. */
export function groupOf(cy, edgeId) {
  const edge = cy.getElementById(edgeId);
  if (!edge.hasClass('grouped')) return null;
  const leaf = edge.connectedNodes('.grouped');
  return leafKey(leaf);
}

/** Opens a group: its leaves come back in a ring where the group node stood. */
export function openGroup(cy, key) {
  const node = cy.getElementById(`group:${key}`);
  if (node.empty()) return;
  const centre = node.position();
  const leaves = cy.nodes('.grouped').filter((leaf) => leafKey(leaf) === key);
  const radius = Math.max(70, 9 * leaves.length);
  leaves.forEach((leaf, index) => {
    const angle = (2 * Math.PI * index) / leaves.length;
    leaf.position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
  });
  leaves.union(leaves.connectedEdges()).removeClass('grouped');
  node.remove();
}
