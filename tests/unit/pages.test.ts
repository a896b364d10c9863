/**
 * The pages' pure parts: content negotiation, ids as path segments, and the HTML page's
 * escaping and links, on hostile text.
 */
import { describe, expect, it } from 'vitest';
import type { ExportedFact } from '../../src/graph/facts.js';
import { entityUrl, idOfSegment, pathSegment, statementUrl } from '../../src/model/resourceUrls.js';
import { negotiate } from '../../src/pages/negotiate.js';
import { renderPage } from '../../src/pages/renderPage.js';

const asked = (accept: string | null, query = '') =>
  negotiate(new Request(`http://api/entities/drug:baclofen${query}`, accept === null ? {} : { headers: { accept } }));

describe('content negotiation', () => {
  it('gives JSON by default, JSON-LD when named, a page to a browser', () => {
    expect(asked(null)).toBe('json');
    expect(asked('*/*')).toBe('json');
    expect(asked('application/json')).toBe('json');
    expect(asked('application/ld+json')).toBe('jsonld');
    expect(asked('application/ld+json;q=0.9, application/json')).toBe('json');
    expect(asked('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(asked('text/html;q=0, application/json')).toBe('json');
  });

  it('lets ?format= decide, and ignores a format it does not serve', () => {
    expect(asked('text/html', '?format=jsonld')).toBe('jsonld');
    expect(asked('application/ld+json', '?format=json')).toBe('json');
    expect(asked(null, '?format=xml')).toBe('json');
  });
});

describe('ids as path segments', () => {
  it('round-trips every kind of id, keeping colons readable', () => {
    for (const id of [
      'drug:baclofen',
      'fact:1a2b/incoming',
      'drug:baclofen#synonym:β-(4-chlorophenyl)-GABA',
      'a b?c&d',
    ])
      expect(idOfSegment(pathSegment(id))).toBe(id);
    expect(pathSegment('drug:baclofen')).toBe('drug:baclofen');
    expect(pathSegment('fact:1a2b/incoming')).toBe('fact:1a2b%2Fincoming');
    expect(idOfSegment('%E0%A4%A')).toBeNull();
    expect(idOfSegment('')).toBeNull();
  });
});

describe('the HTML page', () => {
  const hostile = '<script>alert("x")</script> & \'quoted\'';
  const fact: ExportedFact = {
    id: 'fact:0001',
    subject: 'drug:x',
    predicate: 'ACTS_ON',
    object: 'target:y',
    qualifiers: { action: hostile },
    citation: { source: 'source:registry', url: 'javascript:alert(1)' },
    citations: [
      { source: 'source:registry', url: 'javascript:alert(1)' },
      { id: 'cite:1', source: 'source:article', section: hostile, paragraph: 1, sentence: 2, statement: hostile },
    ],
  };
  const page = renderPage({
    title: hostile,
    subtitle: hostile,
    sections: [{ heading: hostile, facts: [fact], subjectShown: true }],
    sources: [],
    base: 'https://facts.example.org',
    dataVersion: 'v1',
  });

  it('escapes every text and runs no script', () => {
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
  });

  it('links only to http(s) addresses, under the public URL for ours', () => {
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain(`href="${entityUrl('https://facts.example.org', 'target:y')}"`);
    expect(page).toContain(`href="${statementUrl('https://facts.example.org', 'fact:0001')}"`);
    expect(page).toContain('href="https://facts.example.org/explorer"');
  });
});
