/**
 * Resource pages as HTML
 *
 * A readable page for a browser opening an entity's or a statement's URL: each statement in a
 * line of its own, the other entity a link, and every piece of evidence under it (the sentence's
 * place in its source, or the dataset record, with the fact in the project's words), plus links
 * to the same resource as JSON and JSON-LD and to the explorer. Every text is escaped, every link
 * is under the public URL or to a source's http(s) address (never another scheme), and the page
 * loads no script.
 */
import type { ExportedFact } from '../graph/facts.js';
import type { FactCitation } from '../model/citations.js';
import type { StoredSource } from '../model/storedShapes.js';
import { entityUrl, statementUrl } from '../model/resourceUrls.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: unknown) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A link, only to a web address: a source's URL comes from data, and data may not run script. */
const link = (href: string, text: string) =>
  /^https?:\/\//i.test(href) ? `<a href="${escape(href)}">${escape(text)}</a>` : escape(text);

function where(citation: FactCitation, sources: Map<string, StoredSource>): string {
  const source = escape(sources.get(citation.source)?.title ?? citation.source);
  if ('file' in citation) return `${source}: ${escape(citation.file)}, line ${citation.line} (${escape(citation.key)})`;
  if ('url' in citation) return `${source}: ${link(citation.url, citation.url)}`;
  return `${source}: ${escape(citation.section)}, paragraph ${citation.paragraph}, sentence ${citation.sentence}`;
}

function evidence(citation: FactCitation, sources: Map<string, StoredSource>): string {
  const said = 'statement' in citation ? ` <q>${escape(citation.statement)}</q>` : '';
  return `<li>${where(citation, sources)}${said}</li>`;
}

function statement(fact: ExportedFact, sources: Map<string, StoredSource>, base: string): string {
  const object = fact.object
    ? link(entityUrl(base, fact.object), fact.object)
    : escape(fact.value ?? `${fact.low ?? ''}–${fact.high ?? ''}`) + (fact.unit ? ` ${escape(fact.unit)}` : '');
  const qualifiers = Object.entries(fact.qualifiers)
    .map(([k, v]) => `${escape(k)}: ${escape(Array.isArray(v) ? v.join(', ') : v)}`)
    .join('; ');
  return `<li>${link(statementUrl(base, fact.id), fact.predicate)} ${object}${
    qualifiers ? ` <small>(${qualifiers})</small>` : ''
  }<ul>${fact.citations.map((c) => evidence(c, sources)).join('')}</ul></li>`;
}

/** A whole page: a title, the statements in sections, and the links to the other forms. */
export function renderPage(options: {
  title: string;
  subtitle: string;
  sections: { heading: string; facts: ExportedFact[]; subjectShown?: boolean }[];
  sources: StoredSource[];
  /** The API's public URL, which every link is under. */
  base: string;
  dataVersion: string | null;
}): string {
  const sources = new Map(options.sources.map((s) => [s.id, s]));
  const { base } = options;
  const show = (f: ExportedFact) => statement(f, sources, base);
  const body = options.sections
    .filter((s) => s.facts.length > 0)
    .map(
      (s) =>
        `<h2>${escape(s.heading)}</h2><ul>${s.facts
          .map((f) =>
            s.subjectShown ? `<li>${link(entityUrl(base, f.subject), f.subject)}<ul>${show(f)}</ul></li>` : show(f),
          )
          .join('')}</ul>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(options.title)} · Drug facts graph</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}q{color:#333}small{color:#555}</style>
</head><body>
<h1>${escape(options.title)}</h1>
<p>${escape(options.subtitle)}</p>
<p>Also as <a href="?format=json">JSON</a> and <a href="?format=jsonld">JSON-LD</a>; explore it in the ${link(`${base}/explorer`, 'graph explorer')}.${
    options.dataVersion ? ` Data version ${escape(options.dataVersion)}.` : ''
  }</p>
${body}
</body></html>
`;
}
