/**
 * Analogues view
 *
 * Baclofen and the compounds the article compares it with, side by side: which targets they
 * share, what each does there, and the measured affinities (Ki, strongest first, per
 * stereoisomer). A cell the data says nothing about shows a dash, never a guess. Every action
 * and every value opens its citation, and says which sources it rests on (the article, a
 * dataset, a page); where sources disagree about a compound, the summary shows both sides.
 */
import { COMPARE_AFFINITY, DISAGREEMENTS, graphql, ANALOGUES } from './api.js';
import { showCitations, shortLocator } from './citationPanel.js';
import { fill, h } from './dom.js';
import { createGraph, edgeElement, fitReadably, nodeElement } from './graphView.js';

export const ANALOGUE_IDS = [
  'drug:baclofen',
  'drug:phenibut',
  'drug:pregabalin',
  'drug:gabapentin',
  'drug:gaba',
  'drug:ghb',
];

const kiText = (a) =>
  `${a.measure} ${a.value} ${a.unit}${['R', 'S'].includes(a.stereoisomer) ? ` (${a.stereoisomer})` : ''}`;

/** A source as a cell names it: "article", or the dataset's or page's short title. */
const sourceLabel = (source) => (source.kind === 'ARTICLE' ? 'article' : source.title.split(' (')[0]);

/** The sources a cell's statements rest on, each once, in the order they are first cited. */
const sourcesOf = (facts) => [
  ...new Set(facts.flatMap((f) => (f.citations ?? [f.citation]).map((c) => sourceLabel(c.source)))),
];

/** drug id -> target id -> what the data says about that pair. */
function matrixOf(drugs) {
  const targets = new Map();
  const cells = new Map();
  const cell = (drug, target) => {
    targets.set(target.id, target);
    const row = cells.get(drug.id) ?? new Map();
    cells.set(drug.id, row);
    if (!row.has(target.id))
      row.set(target.id, { actions: new Set(), affinities: new Map(), facts: [], negative: false });
    return row.get(target.id);
  };
  for (const drug of drugs) {
    for (const action of drug.targets) {
      const c = cell(drug, action.target);
      c.actions.add(action.action);
      // One statement may rest on sentences that each name the action differently.
      for (const citation of action.citations) {
        for (const { key, value } of citation.qualifiers) if (key === 'action') c.actions.add(value);
      }
      const qualifiers = [{ key: 'action', value: action.action }];
      if (action.selectivity) qualifiers.push({ key: 'selectivity', value: action.selectivity });
      if (action.clinicallyRelevant === false) qualifiers.push({ key: 'clinically relevant', value: 'likely not' });
      c.facts.push({
        heading: `${drug.name} —ACTS_ON→ ${action.target.name}`,
        qualifiers,
        citations: action.citations,
      });
      // Strongest (lowest) first, as in the summary, whatever order the API lists them in.
      const strongestFirst = [...action.affinities].sort((a, b) => a.value - b.value);
      for (const affinity of strongestFirst) c.affinities.set(kiText(affinity), affinity);
    }
    for (const nonTarget of drug.nonTargets) {
      const c = cell(drug, nonTarget.target);
      c.negative = true;
      c.facts.push({
        heading: `${drug.name} —NO_SIGNIFICANT_AFFINITY_FOR→ ${nonTarget.target.name}`,
        citation: nonTarget.citation,
      });
    }
  }
  for (const row of cells.values()) {
    for (const c of row.values()) {
      for (const [text, affinity] of c.affinities) c.facts.push({ heading: text, citation: affinity.citation });
    }
  }
  return { targets, cells };
}

/** "GABA + 4-chlorophenyl (beta)" and the like, from the drug's outgoing structural relations. */
function structureOf(drug, names) {
  return (
    drug.analogues
      .filter((a) => a.direction === 'OUTGOING' && a.relation === 'DERIVATIVE_OF')
      // A derivation whose sentences do not all name the difference states none of its own.
      .map((a) =>
        a.difference
          ? `${names.get(a.drug.id)} + ${a.difference}${a.position ? ` (${a.position})` : ''}`
          : `from ${names.get(a.drug.id)}`,
      )
      .join('; ')
  );
}

/**
 * Three rows: the parent compounds (what others derive from), the other compounds with each
 * analogue beside the drug it is an analogue of, and the targets under the compounds acting on
 * them. Structural edges then stay short and the eye reads down from compound to target.
 */
function rowPositions(drugs, cells) {
  const GAP = 150;
  const parents = new Set(
    drugs.flatMap((d) =>
      d.analogues.filter((a) => a.direction === 'OUTGOING' && a.relation === 'DERIVATIVE_OF').map((a) => a.drug.id),
    ),
  );
  const middle = [];
  for (const drug of drugs) {
    if (parents.has(drug.id) || middle.includes(drug.id)) continue;
    const analogues = drug.analogues
      .filter((a) => a.relation === 'ANALOGUE_OF' && a.direction === 'INCOMING')
      .map((a) => a.drug.id);
    // Analogues alternate left and right of their drug.
    const left = analogues.filter((_, i) => i % 2 === 1);
    const right = analogues.filter((_, i) => i % 2 === 0);
    middle.push(...left.filter((id) => !middle.includes(id)), drug.id, ...right.filter((id) => !middle.includes(id)));
  }
  const positions = {};
  const row = (ids, y) => ids.forEach((id, i) => (positions[id] = { x: (i - (ids.length - 1) / 2) * GAP, y }));
  row([...parents], 0);
  row(middle, 120);
  const x = (id) => positions[id]?.x ?? 0;
  const targets = new Map();
  for (const [drugId, row] of cells)
    for (const targetId of row.keys()) targets.set(targetId, [...(targets.get(targetId) ?? []), x(drugId)]);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  row(
    [...targets.keys()].sort((a, b) => mean(targets.get(a)) - mean(targets.get(b))),
    260,
  );
  return positions;
}

/**
 * The comparison reads best as a matrix, compounds down and targets across; where the matrix is
 * wider than its room (a narrow screen, or many targets) each compound becomes a card instead
 * (class `stacked`, explorer.css), its targets one under another, so nothing scrolls sideways.
 * Measured rather than set at a breakpoint, because the width depends on how many targets the
 * data holds. Returns the check, to run again once the table is filled.
 */
function stackWhenTooWide(table) {
  const room = table.parentElement;
  let measuredAt = -1;
  const check = () => {
    measuredAt = room.clientWidth;
    table.classList.remove('stacked');
    const { paddingLeft, paddingRight } = window.getComputedStyle(room);
    const width = room.clientWidth - parseFloat(paddingLeft) - parseFloat(paddingRight);
    // A table is never narrower than its longest words allow; past its room, it sticks out.
    table.classList.toggle('stacked', table.getBoundingClientRect().width > width + 0.5);
  };
  // Stacking changes the room's height only: its width alone decides, so a check cannot loop.
  new window.ResizeObserver(() => room.clientWidth !== measuredAt && check()).observe(room);
  return check;
}

export function analoguesView({ container, caption, table, summary, citations, onStatus, onKinds, onOpen }) {
  const fitTable = stackWhenTooWide(table);
  let edgeFacts = new Map();
  const cy = createGraph(container, {
    onNode: (id) => onOpen(id),
    onEdge: (id) => showCitations(citations, { title: 'Citations', facts: edgeFacts.get(id) ?? [] }),
    few: true,
  });
  let loaded = false;

  function draw(drugs, { targets, cells }) {
    edgeFacts = new Map();
    const elements = [...drugs.map((d) => nodeElement(d)), ...[...targets.values()].map((t) => nodeElement(t))];
    for (const drug of drugs) {
      for (const [targetId, c] of cells.get(drug.id) ?? []) {
        const id = `${drug.id}|${targetId}`;
        const label =
          c.negative && c.actions.size === 0
            ? 'no significant affinity'
            : [...c.actions, ...c.affinities.keys()].join(' · ');
        edgeFacts.set(id, c.facts);
        elements.push(
          edgeElement({
            id,
            source: drug.id,
            target: targetId,
            type: 'ACTS_ON',
            label,
            polarity: c.negative && c.actions.size === 0 ? 'NEGATIVE' : 'POSITIVE',
          }),
        );
      }
      for (const analogue of drug.analogues.filter((a) => a.direction === 'OUTGOING')) {
        const id = `${drug.id}|${analogue.relation}|${analogue.drug.id}`;
        const qualifiers = [
          analogue.difference && { key: 'difference', value: analogue.difference },
          analogue.position && { key: 'position', value: analogue.position },
        ].filter(Boolean);
        const other = drugs.find((d) => d.id === analogue.drug.id)?.name ?? analogue.drug.id;
        edgeFacts.set(id, [
          { heading: `${drug.name} —${analogue.relation}→ ${other}`, qualifiers, citation: analogue.citation },
        ]);
        elements.push(edgeElement({ id, source: drug.id, target: analogue.drug.id, type: analogue.relation }));
      }
    }
    cy.elements().remove();
    cy.add(elements);
    cy.resize();
    cy.layout({ name: 'preset', positions: rowPositions(drugs, cells), fit: false }).run();
    fitReadably(cy);
    onKinds(new Set(cy.nodes().map((n) => n.data('kind'))));
  }

  function citeButton(label, title, facts) {
    return h(
      'button',
      { type: 'button', className: 'cite', onClick: () => showCitations(citations, { title, facts }) },
      label,
    );
  }

  function renderTable(drugs, { targets, cells }) {
    const names = new Map(drugs.map((d) => [d.id, d.name]));
    const targetList = [...targets.values()];
    fill(
      table,
      h(
        'caption',
        {},
        'What each compound does at each target, with measured affinities. A dash: the data states nothing.',
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Compound'),
          h('th', { scope: 'col' }, 'Structure'),
          targetList.map((t) => h('th', { scope: 'col' }, t.name)),
        ),
      ),
      h(
        'tbody',
        {},
        drugs.map((drug) =>
          h(
            'tr',
            { dataset: { drug: drug.id } },
            h('th', { scope: 'row' }, drug.name),
            h('td', { className: 'structure', dataset: { label: 'Structure' } }, structureOf(drug, names) || '—'),
            targetList.map((target) => {
              const c = cells.get(drug.id)?.get(target.id);
              const label = target.name;
              if (!c)
                return h('td', { className: 'none', title: 'The data states nothing here', dataset: { label } }, '—');
              const lines = [...c.actions];
              if (c.negative && c.actions.size === 0) lines.push('no significant affinity');
              return h(
                'td',
                { dataset: { target: target.id, label } },
                h('span', { className: 'does' }, lines.join(', ')),
                [...c.affinities.keys()].map((ki) => h('span', { className: 'ki' }, ki)),
                h('span', { className: 'sources' }, sourcesOf(c.facts).join(', ')),
                citeButton('Sources', `${drug.name} at ${target.name}`, c.facts),
              );
            }),
          ),
        ),
      ),
    );
  }

  /** Where sources disagree about a compound: what differs, and each side with its sources. */
  function renderDisagreements(drugs) {
    const listed = drugs.flatMap((drug) => (drug.disagreements ?? []).map((d) => ({ drug, ...d })));
    if (listed.length === 0) return [];
    return [
      h('h2', {}, 'Where sources disagree'),
      h(
        'ul',
        { className: 'disagreements' },
        listed.map(({ drug, note, statements }) => {
          const facts = statements.map((s) => ({
            heading: `${drug.name} —${s.type}→ ${s.node.name}`,
            qualifiers: s.qualifiers,
            citations: s.citations,
          }));
          const said = (f) => f.qualifiers.map(({ key, value }) => `${key} ${value}`).join('; ');
          return h(
            'li',
            {},
            h('strong', {}, drug.name),
            ': ',
            note,
            h(
              'ul',
              {},
              facts.map((f) =>
                h('li', {}, `${f.heading}${said(f) ? `, ${said(f)}` : ''} (${sourcesOf([f]).join(', ')})`),
              ),
            ),
            citeButton('Sources', `${drug.name}: where sources disagree`, facts),
          );
        }),
      ),
    ];
  }

  function renderSummary(drugs, { targets, cells }, affinities) {
    const shared = [...targets.values()]
      .map((target) => ({ target, drugs: drugs.filter((d) => cells.get(d.id)?.get(target.id)?.actions.size > 0) }))
      .filter(({ drugs: acting }) => acting.length >= 2);
    fill(
      summary,
      h('h2', {}, 'Shared targets'),
      h(
        'ul',
        { className: 'shared' },
        shared.map(({ target, drugs: acting }) =>
          h(
            'li',
            {},
            h('strong', {}, target.name),
            ': ',
            acting.map((d) => `${d.name} (${[...cells.get(d.id).get(target.id).actions].join(', ')})`).join(', '),
          ),
        ),
      ),
      affinities
        .filter(({ rows }) => rows.length > 0)
        .map(({ target, rows }) => [
          h('h2', {}, `Affinity for ${target.name}`),
          h('p', { className: 'hint' }, 'Strongest (lowest Ki) first.'),
          h(
            'ol',
            { className: 'affinities' },
            rows.map((a) =>
              h(
                'li',
                {},
                citeButton(
                  [
                    h('span', { className: 'name' }, a.drug.name),
                    ' ',
                    h('span', { className: 'ki' }, kiText(a)),
                    h('span', { className: 'where' }, shortLocator(a.citation)),
                  ],
                  `${a.drug.name}: ${kiText(a)}`,
                  [{ heading: `${a.drug.name} at ${target.name}: ${kiText(a)}`, citation: a.citation }],
                ),
              ),
            ),
          ),
        ]),
      renderDisagreements(drugs),
      h(
        'p',
        { className: 'hint' },
        drugs
          .filter((d) => !cells.has(d.id))
          .map((d) => d.name)
          .join(' and '),
        ': no target stated in the data.',
      ),
    );
  }

  async function load() {
    if (loaded) return;
    onStatus('Loading the analogues…');
    try {
      const [{ drugs }, disagreements] = await Promise.all([
        graphql(ANALOGUES, { ids: ANALOGUE_IDS }),
        graphql(DISAGREEMENTS, { ids: ANALOGUE_IDS }),
      ]);
      const disagreementsOf = new Map(disagreements.drugs.filter(Boolean).map((d) => [d.id, d.disagreements]));
      const present = drugs.filter(Boolean).map((d) => ({ ...d, disagreements: disagreementsOf.get(d.id) ?? [] }));
      const matrix = matrixOf(present);
      const affinities = await Promise.all(
        [...matrix.targets.values()].map(async (target) => ({
          target,
          rows: (await graphql(COMPARE_AFFINITY, { target: target.id })).compareAffinity,
        })),
      );
      // The table first: the drawing gets the room the table leaves, and is fitted to that.
      renderTable(present, matrix);
      fitTable();
      renderSummary(present, matrix, affinities);
      draw(present, matrix);
      caption.textContent = `${present.map((d) => d.name).join(', ')} and their targets. Click an edge for its citations, a compound to explore it.`;
      loaded = true;
      onStatus('Analogues loaded.');
    } catch (error) {
      onStatus(`Could not load the analogues: ${error.message}`);
    }
  }

  return { cy, load };
}
