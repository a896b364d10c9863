/**
 * Citation panel
 *
 * Shows where a fact comes from: every sentence that states it (its evidence), each in the
 * project's words with the hedge the source uses (kept apart from the statement, because
 * "believed" and "may" change what a reader can rely on), whether it says the fact or only
 * implies it (an inference), what that sentence alone adds (a route, a population), the locator
 * (section, paragraph, sentence) and a link to that section of the source. A negative statement
 * says that it denies the link.
 * The panel is a live region, so a screen reader reads out the new citation while focus stays
 * in the list the reader is walking.
 */
import { fill, h } from './dom.js';

/**
 * "Pharmacodynamics, paragraph 1, sentence 1"; a dataset's record by file, line and key; the
 * source alone for a registry record.
 */
export function locator(citation) {
  if (citation.record) return `${citation.record.file}, line ${citation.record.line} (${citation.record.key})`;
  if (!citation.section) return citation.source.title;
  const parts = [citation.section];
  if (citation.paragraph) parts.push(`paragraph ${citation.paragraph}`);
  if (citation.sentence) parts.push(`sentence ${citation.sentence}`);
  return parts.join(', ');
}

/** The short form used in lists: "Pharmacodynamics ¶1.1", or "drugcentral/targets.tsv:334". */
export function shortLocator(citation) {
  if (citation.record) return `${citation.record.file}:${citation.record.line}`;
  if (!citation.section) return citation.source.title;
  return citation.paragraph
    ? `${citation.section} ¶${citation.paragraph}.${citation.sentence ?? ''}`
    : citation.section;
}

const qualifierList = (qualifiers, className) =>
  qualifiers.length > 0 &&
  h(
    'dl',
    { className },
    qualifiers.map(({ key, value }) => [h('dt', {}, key), h('dd', {}, value)]),
  );

/** One sentence: its words, its hedge, how it reads, what it alone adds, and where it is. */
function evidenceItem(citation) {
  const source = citation.source;
  return h(
    'li',
    { className: 'evidence' },
    h('blockquote', { className: 'statement' }, citation.statement),
    citation.reading === 'INFERENCE' &&
      h(
        'p',
        { className: 'reading' },
        h('strong', {}, 'Inference'),
        ': the sentence implies this without saying it in those words',
      ),
    h(
      'p',
      { className: citation.hedge ? 'hedge hedged' : 'hedge' },
      citation.hedge ? ['Hedge: ', h('strong', {}, citation.hedge)] : 'Hedge: none, stated plainly',
    ),
    qualifierList(citation.qualifiers ?? [], 'qualifiers sentence-qualifiers'),
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

const POLARITY_NOTES = {
  NEGATIVE: 'Negative statement: the source denies this link.',
  NEUTRAL: 'Neutral statement: the source assesses this, without advising for or against.',
};

/**
 * A statement and its evidence. `citations` lists every sentence that states it (the first one
 * alone when that is all there is); `evidenceCount` says how many there are in all, so a list
 * still loading says so instead of looking complete.
 */
function factBlock({ heading, qualifiers = [], polarity, citation, citations = [citation], evidenceCount }) {
  const total = evidenceCount ?? citations.length;
  return h(
    'article',
    { className: polarity === 'NEGATIVE' ? 'citation negative' : 'citation' },
    heading && h('h3', { className: 'fact' }, heading),
    POLARITY_NOTES[polarity] && h('p', { className: 'polarity' }, POLARITY_NOTES[polarity]),
    qualifierList(qualifiers, 'qualifiers'),
    total > 1 && h('h4', { className: 'evidence-count' }, `Evidence: ${total} sentences`),
    h('ol', { className: 'evidence-list' }, citations.map(evidenceItem)),
    citations.length < total && h('p', { className: 'hint loading' }, `Loading the other ${total - citations.length}…`),
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
    facts.map(factBlock),
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
