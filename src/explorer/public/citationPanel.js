/**
 * Citation panel
 *
 * Shows where a fact comes from: the statement in the project's words, the hedge the source
 * uses (kept apart from the statement, because "believed" and "may" change what a reader can
 * rely on), the locator (section, paragraph, sentence) and a link to that section of the source.
 * The panel is a live region, so a screen reader reads out the new citation while focus stays
 * in the list the reader is walking.
 */
import { fill, h } from './dom.js';

/** "Pharmacodynamics, paragraph 1, sentence 1", or the source alone for a registry record. */
export function locator(citation) {
  if (!citation.section) return citation.source.title;
  const parts = [citation.section];
  if (citation.paragraph) parts.push(`paragraph ${citation.paragraph}`);
  if (citation.sentence) parts.push(`sentence ${citation.sentence}`);
  return parts.join(', ');
}

/** The short form used in lists: "Pharmacodynamics ¶1.1". */
export function shortLocator(citation) {
  if (!citation.section) return citation.source.title;
  return citation.paragraph
    ? `${citation.section} ¶${citation.paragraph}.${citation.sentence ?? ''}`
    : citation.section;
}

function citationBlock({ heading, qualifiers = [], citation }) {
  const source = citation.source;
  return h(
    'article',
    { className: 'citation' },
    heading && h('h3', { className: 'fact' }, heading),
    qualifiers.length > 0 &&
      h(
        'dl',
        { className: 'qualifiers' },
        qualifiers.map(({ key, value }) => [h('dt', {}, key), h('dd', {}, value)]),
      ),
    h('blockquote', { className: 'statement' }, citation.statement),
    h(
      'p',
      { className: citation.hedge ? 'hedge hedged' : 'hedge' },
      citation.hedge ? ['Hedge: ', h('strong', {}, citation.hedge)] : 'Hedge: none, stated plainly',
    ),
    h('p', { className: 'locator' }, locator(citation)),
    h(
      'p',
      { className: 'source' },
      h(
        'a',
        { href: citation.url, target: '_blank', rel: 'noopener noreferrer' },
        `${source.title}: ${shortLocator(citation)}`,
      ),
      h('span', { className: 'licence' }, ` (${source.licence})`),
    ),
  );
}

/**
 * Shows one or more cited facts under a title. `actions` are buttons shown under the facts,
 * e.g. to open either end of a relationship.
 */
export function showCitations(panel, { title, facts, actions = [] }) {
  fill(
    panel,
    h('h2', {}, title),
    facts.map(citationBlock),
    actions.length > 0 &&
      h(
        'div',
        { className: 'actions' },
        actions.map(({ label, onClick }) => h('button', { type: 'button', onClick }, label)),
      ),
  );
}

export function clearCitations(panel, message) {
  fill(panel, h('h2', {}, 'Citation'), h('p', { className: 'hint' }, message));
}
