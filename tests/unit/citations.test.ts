/**
 * Citations (src/model/citations.ts), in memory: a seed citation stored on the graph reads back
 * as the same API Citation whether it comes straight from the stored properties (a lookup) or
 * through the exported fact (the `facts` connection), and an article citation links to its
 * section.
 */
import { describe, expect, it } from 'vitest';
import {
  articleFactCitation,
  fromFactCitation,
  indexSources,
  registryFactCitation,
  storedCitation,
  toCitation,
} from '../../src/model/citations.js';
import type { StoredSource } from '../../src/model/storedShapes.js';

const article: StoredSource = {
  id: 'source:wikipedia-baclofen',
  kind: 'article',
  title: 'Baclofen',
  url: 'https://en.wikipedia.org/wiki/Baclofen',
  licence: 'CC BY-SA 4.0',
};
const registry: StoredSource = {
  id: 'source:pubchem',
  kind: 'registry',
  title: 'PubChem',
  url: 'https://pubchem.ncbi.nlm.nih.gov',
  licence: 'public domain',
};
const sources = indexSources([article, registry]);

describe('citations', () => {
  const stored = storedCitation(
    article.id,
    {
      section: 'Medical uses',
      paragraph: 2,
      sentence: 1,
      statement: 'Baclofen treats spasticity.',
      hedge: 'may',
    },
    'cite:1',
  );

  it('link an article citation to its section, the lead to the top of the page', () => {
    expect(toCitation(stored, sources).url).toBe('https://en.wikipedia.org/wiki/Baclofen#Medical_uses');
    expect(toCitation({ ...stored, citeSection: 'Lead' }, sources).url).toBe(article.url);
  });

  it('read the same from the stored properties and from the exported fact', () => {
    const fact = { subject: 'drug:baclofen', predicate: 'INDICATED_FOR', citation: articleFactCitation(stored) };
    expect(fromFactCitation(fact, sources)).toEqual(toCitation(stored, sources));
    expect(toCitation(stored, sources)).toEqual({
      id: 'cite:1',
      source: article,
      section: 'Medical uses',
      paragraph: 2,
      sentence: 1,
      url: 'https://en.wikipedia.org/wiki/Baclofen#Medical_uses',
      statement: 'Baclofen treats spasticity.',
      hedge: 'may',
      reading: 'DIRECT',
      qualifiers: [],
      record: null,
    });
  });

  it('export a hedge only when there is one', () => {
    expect(articleFactCitation({ ...stored, citeHedge: null })).not.toHaveProperty('hedge');
  });

  it('cite a registry identifier by its record, with a statement of what it holds', () => {
    const citation = registryFactCitation({
      key: 'PUBCHEM_CID:2284',
      namespace: 'PUBCHEM_CID',
      value: '2284',
      url: 'https://pubchem.ncbi.nlm.nih.gov/compound/2284',
      citeSource: registry.id,
    });
    const fact = { subject: 'drug:baclofen', predicate: 'identifier:PUBCHEM_CID', value: '2284', citation };
    expect(fromFactCitation(fact, sources)).toEqual({
      id: 'identifier:PUBCHEM_CID:2284',
      source: registry,
      section: null,
      paragraph: null,
      sentence: null,
      url: 'https://pubchem.ncbi.nlm.nih.gov/compound/2284',
      statement: 'drug:baclofen has PUBCHEM_CID 2284 in PubChem.',
      hedge: null,
      reading: 'DIRECT',
      qualifiers: [],
      record: null,
    });
  });

  it('refuse a citation of an unknown source', () => {
    expect(() => toCitation({ ...stored, citeSource: 'source:nowhere' }, sources)).toThrow(
      'fact cites unknown source source:nowhere',
    );
  });
});
