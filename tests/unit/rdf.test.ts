/**
 * The RDF of the facts (src/release/rdf.ts, rdfFormats.ts), in memory: hand-made facts of each
 * family become direct triples and reified statements with their evidence, read back the same by
 * N3's parser and by the jsonld library, link their identifiers only where a link was confirmed,
 * and answer the SPARQL query in docs/sparql/ under rdflib.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsonld from 'jsonld';
import { DataFactory, Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedFact } from '../../src/graph/facts.js';
import type { StoredSource } from '../../src/model/storedShapes.js';
import { factQuads } from '../../src/release/rdf.js';
import { jsonLdContext, toJsonLd, toNTriples } from '../../src/release/rdfFormats.js';
import { IDENTIFIER_LINKS, NAMESPACES, WIKIDATA_PROPERTIES } from '../../src/release/rdfVocabulary.js';
import { PYTHON_SETUP_MS, researchPython, runPython } from '../support/python.js';

const { namedNode, literal } = DataFactory;
const BASE = 'http://localhost:4000';
const DOCS = resolve(import.meta.dirname, '../../docs');

const article: StoredSource = {
  id: 'source:wikipedia-baclofen',
  kind: 'article',
  title: 'Baclofen (Wikipedia)',
  url: 'https://en.wikipedia.org/wiki/Baclofen',
  licence: 'CC BY-SA 4.0',
};
const drugcentral: StoredSource = {
  id: 'source:drugcentral',
  kind: 'dataset',
  title: 'DrugCentral',
  url: 'https://github.com/dhimmel/drugcentral',
  licence: 'CC BY 4.0',
  citation: 'Ursu O. et al., Nucleic Acids Research 2017',
  asOf: '2017',
  attribution: 'Records from DrugCentral, CC BY 4.0',
  originRepository: 'https://github.com/dhimmel/drugcentral',
  originCommit: 'abc123',
  originPath: 'rephetio',
};
const pubchem: StoredSource = {
  id: 'source:pubchem',
  kind: 'registry',
  title: 'PubChem',
  url: 'https://pubchem.ncbi.nlm.nih.gov/',
  licence: 'Public domain',
};
const rxnorm: StoredSource = {
  id: 'source:rxnorm',
  kind: 'registry',
  title: 'RxNorm',
  url: 'https://mor.nlm.nih.gov/RxNav/',
  licence: 'UMLS terms',
};
const sources = [article, drugcentral, pubchem, rxnorm];

const sentence = (id: string, at: { section: string; paragraph: number; sentence: number }, statement: string) => ({
  id,
  source: article.id,
  ...at,
  statement,
});
const cited = <C extends ExportedFact['citation']>(...citations: C[]) => ({ citation: citations[0]!, citations });

const baclofenCitation = sentence('cite:own', { section: 'Lead', paragraph: 1, sentence: 1 }, 'Baclofen is a drug.');
const actsOn: ExportedFact = {
  id: 'fact:acts',
  subject: 'drug:baclofen',
  predicate: 'ACTS_ON',
  object: 'target:gaba-b-receptor',
  qualifiers: { action: 'agonist', selectivity: 'selective' },
  ...cited(
    {
      ...sentence(
        'cite:pd1',
        { section: 'Pharmacodynamics', paragraph: 1, sentence: 1 },
        'Baclofen stimulates GABAB receptors.',
      ),
      hedge: 'thought',
      reading: 'inference' as const,
      qualifiers: { clinicallyRelevant: true },
    },
    {
      id: 'cite:dc1',
      source: drugcentral.id,
      file: 'drugcentral/targets.tsv',
      line: 12,
      key: 'GeneID 2550 x DB00181',
      fields: { action: 'AGONIST', source: 'CHEMBL' },
      statement: 'DrugCentral lists Baclofen as an agonist of GABBR1.',
    },
  ),
};
const facts: ExportedFact[] = [
  actsOn,
  {
    id: 'fact:studied',
    subject: 'drug:baclofen',
    predicate: 'STUDIED_FOR',
    object: 'condition:cmt',
    qualifiers: { combinedWith: ['naltrexone', 'sorbitol'], asOf: 2019 },
    ...cited(sentence('cite:r1', { section: 'Research', paragraph: 2, sentence: 1 }, 'A mix is tested for CMT.')),
  },
  {
    id: 'literal:half',
    subject: 'drug:baclofen',
    predicate: 'halfLife',
    low: 2,
    high: 4,
    unit: 'h',
    qualifiers: { comparator: 'about' },
    ...cited(sentence('cite:pk3', { section: 'Pharmacokinetics', paragraph: 1, sentence: 3 }, 'About 2 to 4 h.')),
  },
  {
    id: 'literal:weight',
    subject: 'drug:baclofen',
    predicate: 'molecularWeight',
    value: 213.66,
    unit: 'g/mol',
    qualifiers: {},
    ...cited(sentence('cite:c1', { section: 'Chemistry', paragraph: 1, sentence: 1 }, 'It weighs 213.66 g/mol.')),
  },
  {
    id: 'identifier:PUBCHEM_CID:2284',
    subject: 'drug:baclofen',
    predicate: 'identifier:PUBCHEM_CID',
    value: '2284',
    qualifiers: {},
    ...cited({ source: pubchem.id, url: 'https://pubchem.ncbi.nlm.nih.gov/compound/2284' }),
  },
  {
    id: 'identifier:RXCUI:1292',
    subject: 'drug:baclofen',
    predicate: 'identifier:RXCUI',
    value: '1292',
    qualifiers: {},
    ...cited({ source: rxnorm.id, url: 'https://mor.nlm.nih.gov/RxNav/search?searchBy=RXCUI&searchTerm=1292' }),
  },
  {
    id: 'identifier:WIKIDATA:Q413717',
    subject: 'drug:baclofen',
    predicate: 'identifier:WIKIDATA',
    value: 'Q413717',
    qualifiers: {},
    ...cited({ source: pubchem.id, url: 'https://www.wikidata.org/wiki/Q413717' }),
  },
  {
    id: 'drug:baclofen#name',
    subject: 'drug:baclofen',
    predicate: 'name',
    value: 'Baclofen',
    qualifiers: {},
    ...cited(baclofenCitation),
  },
  {
    id: 'drug:baclofen#synonym:Lioresal',
    subject: 'drug:baclofen',
    predicate: 'synonym',
    value: 'Lioresal',
    qualifiers: {},
    ...cited(sentence('cite:alias', { section: 'Other names', paragraph: 1, sentence: 1 }, 'Lioresal is baclofen.')),
  },
  {
    id: 'drug:baclofen#kind',
    subject: 'drug:baclofen',
    predicate: 'kind',
    value: 'Drug',
    qualifiers: {},
    ...cited(baclofenCitation),
  },
  {
    id: 'target:gaba-b-receptor#name',
    subject: 'target:gaba-b-receptor',
    predicate: 'name',
    value: 'GABAB receptor',
    qualifiers: {},
    ...cited(sentence('cite:t', { section: 'Pharmacodynamics', paragraph: 1, sentence: 1 }, 'The GABAB receptor.')),
  },
];

const vocab = (term: string) => namedNode(`${BASE}/vocabulary/${term}`);
const entity = (id: string) => namedNode(`${BASE}/entities/${id}`);
const statement = (id: string) => namedNode(`${BASE}/statements/${id}`);
const ns = (prefix: keyof typeof NAMESPACES, local: string) => namedNode(`${NAMESPACES[prefix]}${local}`);
const xsd = (type: string) => ns('xsd', type);

const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${JSON.stringify(q.object)}`;
const quads = factQuads(facts, sources, BASE);
const keys = new Set(quads.map(key));
const has = (s: Quad['subject'], p: Quad['predicate'], o: Quad['object']) => keys.has(key(DataFactory.quad(s, p, o)));
const objects = (s: Quad['subject'], p: Quad['predicate']) =>
  quads.filter((q) => q.subject.equals(s) && q.predicate.equals(p)).map((q) => q.object.value);

describe('the RDF of the facts', () => {
  it('states a relationship directly and as a statement with its qualifiers and every piece of evidence', () => {
    const s = statement('fact:acts');
    expect(has(entity('drug:baclofen'), vocab('ACTS_ON'), entity('target:gaba-b-receptor'))).toBe(true);
    expect(has(s, ns('rdf', 'type'), ns('rdf', 'Statement'))).toBe(true);
    expect(has(s, ns('rdf', 'subject'), entity('drug:baclofen'))).toBe(true);
    expect(has(s, ns('rdf', 'predicate'), vocab('ACTS_ON'))).toBe(true);
    expect(has(s, ns('rdf', 'object'), entity('target:gaba-b-receptor'))).toBe(true);
    expect(has(s, vocab('action'), literal('agonist'))).toBe(true);
    expect(has(s, vocab('selectivity'), literal('selective'))).toBe(true);
    expect(objects(s, ns('prov', 'wasDerivedFrom'))).toEqual([
      `${BASE}/statements/fact:acts#cite:pd1`,
      `${BASE}/statements/fact:acts#cite:dc1`,
    ]);
  });

  it('keeps where the article says it: the source, the section link, the locator, our words, hedge and reading', () => {
    const c = namedNode(`${BASE}/statements/fact:acts#cite:pd1`);
    expect(objects(c, ns('prov', 'hadPrimarySource'))).toEqual([article.url]);
    expect(objects(c, ns('rdfs', 'seeAlso'))).toEqual(['https://en.wikipedia.org/wiki/Baclofen#Pharmacodynamics']);
    expect(has(c, vocab('section'), literal('Pharmacodynamics'))).toBe(true);
    expect(has(c, vocab('paragraph'), literal('1', xsd('integer')))).toBe(true);
    expect(has(c, vocab('sentence'), literal('1', xsd('integer')))).toBe(true);
    expect(has(c, vocab('statement'), literal('Baclofen stimulates GABAB receptors.'))).toBe(true);
    expect(has(c, vocab('hedge'), literal('thought'))).toBe(true);
    expect(has(c, vocab('reading'), literal('inference'))).toBe(true);
    // What this sentence alone adds stays on the evidence, not on the statement.
    expect(has(c, vocab('clinicallyRelevant'), literal('true', xsd('boolean')))).toBe(true);
    expect(objects(statement('fact:acts'), vocab('clinicallyRelevant'))).toEqual([]);
  });

  it('keeps a dataset record: its file, line, key and fields, linked to the line at the recorded commit', () => {
    const c = namedNode(`${BASE}/statements/fact:acts#cite:dc1`);
    expect(objects(c, ns('rdfs', 'seeAlso'))).toEqual([
      'https://github.com/dhimmel/drugcentral/blob/abc123/rephetio/targets.tsv#L12',
    ]);
    expect(has(c, vocab('file'), literal('drugcentral/targets.tsv'))).toBe(true);
    expect(has(c, vocab('line'), literal('12', xsd('integer')))).toBe(true);
    expect(has(c, vocab('key'), literal('GeneID 2550 x DB00181'))).toBe(true);
    expect(has(c, vocab('reading'), literal('direct'))).toBe(true);
    const field = namedNode(`${c.value}/action`);
    expect(has(c, vocab('recordField'), field)).toBe(true);
    expect(has(field, vocab('fieldName'), literal('action'))).toBe(true);
    expect(has(field, ns('rdf', 'value'), literal('AGONIST'))).toBe(true);
  });

  it('types values: a list as one triple per item, numbers as integers or decimals, a range without a direct triple', () => {
    expect(objects(statement('fact:studied'), vocab('combinedWith'))).toEqual(['naltrexone', 'sorbitol']);
    expect(has(statement('fact:studied'), vocab('asOf'), literal('2019', xsd('integer')))).toBe(true);
    expect(has(entity('drug:baclofen'), vocab('molecularWeight'), literal('213.66', xsd('decimal')))).toBe(true);
    expect(has(statement('literal:weight'), vocab('unit'), literal('g/mol'))).toBe(true);
    const half = statement('literal:half');
    expect(has(half, vocab('low'), literal('2', xsd('integer')))).toBe(true);
    expect(has(half, vocab('high'), literal('4', xsd('integer')))).toBe(true);
    expect(has(half, vocab('comparator'), literal('about'))).toBe(true);
    expect(objects(half, ns('rdf', 'object'))).toEqual([]);
    expect(objects(entity('drug:baclofen'), vocab('halfLife'))).toEqual([]);
  });

  it('states names, synonyms and kinds with the standard vocabularies, and reifies them too', () => {
    expect(has(entity('drug:baclofen'), ns('rdfs', 'label'), literal('Baclofen'))).toBe(true);
    expect(has(entity('drug:baclofen'), ns('skos', 'altLabel'), literal('Lioresal'))).toBe(true);
    expect(has(entity('drug:baclofen'), ns('rdf', 'type'), vocab('Drug'))).toBe(true);
    const alias = statement('drug:baclofen%23synonym:Lioresal');
    expect(has(alias, ns('rdf', 'predicate'), ns('skos', 'altLabel'))).toBe(true);
    expect(objects(alias, ns('prov', 'wasDerivedFrom'))).toEqual([`${alias.value}#cite:alias`]);
    expect(has(vocab('Drug'), ns('rdf', 'type'), ns('rdfs', 'Class'))).toBe(true);
  });

  it('links a registry identifier to what it names where the link was confirmed, and cites the record', () => {
    const baclofen = entity('drug:baclofen');
    expect(has(baclofen, vocab('identifier:PUBCHEM_CID'), literal('2284'))).toBe(true);
    expect(objects(baclofen, ns('skos', 'exactMatch')).sort()).toEqual([
      'http://www.wikidata.org/entity/Q413717',
      'https://identifiers.org/pubchem.compound:2284',
    ]);
    // RxNorm has no confirmed identifiers.org prefix: the value and its record, no guessed link.
    expect(has(baclofen, vocab('identifier:RXCUI'), literal('1292'))).toBe(true);
    expect(objects(baclofen, ns('rdfs', 'seeAlso')).sort()).toEqual([
      'https://mor.nlm.nih.gov/RxNav/search?searchBy=RXCUI&searchTerm=1292',
      'https://pubchem.ncbi.nlm.nih.gov/compound/2284',
      'https://www.wikidata.org/wiki/Q413717',
    ]);
    const record = namedNode(`${BASE}/statements/identifier:RXCUI:1292#identifier:RXCUI:1292`);
    expect(objects(record, ns('rdfs', 'seeAlso'))).toEqual([
      'https://mor.nlm.nih.gov/RxNav/search?searchBy=RXCUI&searchTerm=1292',
    ]);
    expect(objects(record, vocab('statement'))).toEqual(['drug:baclofen has RXCUI 1292 in RxNorm.']);
  });

  it('describes each cited source and each term used, with its meaning and its Wikidata counterpart', () => {
    const dc = namedNode(drugcentral.url);
    expect(objects(dc, ns('dcterms', 'identifier'))).toEqual(['source:drugcentral']);
    expect(objects(dc, ns('dcterms', 'title'))).toEqual(['DrugCentral']);
    expect(objects(dc, ns('dcterms', 'license'))).toEqual(['CC BY 4.0']);
    expect(objects(dc, ns('dcterms', 'bibliographicCitation'))).toEqual([drugcentral.citation]);
    expect(has(dc, ns('dcterms', 'date'), literal('2017', xsd('gYear')))).toBe(true);
    expect(objects(dc, vocab('attribution'))).toEqual([drugcentral.attribution]);
    expect(has(vocab('ACTS_ON'), ns('rdfs', 'subPropertyOf'), ns('wdt', 'P129'))).toBe(true);
    expect(has(vocab('STUDIED_FOR'), ns('rdfs', 'label'), literal('STUDIED_FOR'))).toBe(true);
    expect(objects(vocab('halfLife'), ns('rdfs', 'comment'))).toEqual(['Elimination half-life.']);
  });

  it('refuses a fact that cites a source it was not given', () => {
    expect(() => factQuads([actsOn], [article], BASE)).toThrow(/unknown source source:drugcentral/);
  });
});

describe('its formats', () => {
  it('writes N-Triples that N3 parses back to the same quads, in the same order', () => {
    const text = toNTriples(quads);
    expect(text.split('\n').filter(Boolean)).toHaveLength(quads.length);
    const parsed = new Parser({ format: 'N-Triples' }).parse(text);
    expect(parsed.map(key)).toEqual(quads.map(key));
  });

  it('writes JSON-LD that expands and compacts with jsonld and converts back to the same quads', async () => {
    const document = await toJsonLd(quads, BASE);
    expect(document['@context']).toEqual(jsonLdContext(BASE));
    const baclofen = (document['@graph'] as Record<string, unknown>[]).find(
      (n) => n['@id'] === entity('drug:baclofen').value,
    );
    expect(baclofen).toMatchObject({ '@type': 'Drug', 'rdfs:label': 'Baclofen', 'identifier:PUBCHEM_CID': '2284' });
    const expanded = await jsonld.expand(document);
    const recompacted = await jsonld.compact(expanded, jsonLdContext(BASE));
    const text = (await jsonld.toRDF(recompacted, { format: 'application/n-quads' })) as unknown as string;
    const back = new Parser({ format: 'N-Quads' }).parse(text);
    expect(new Set(back.map(key))).toEqual(keys);
  });
});

describe('the documentation', () => {
  it('lists every Wikidata property and identifier link the module makes, with where it was confirmed', () => {
    const doc = readFileSync(join(DOCS, 'rdf.md'), 'utf8');
    for (const mapping of Object.values(WIKIDATA_PROPERTIES)) {
      expect(doc).toContain(mapping.property);
      expect(doc).toContain(mapping.confirmedAt);
    }
    for (const [namespace, link] of Object.entries(IDENTIFIER_LINKS)) {
      expect(doc).toContain(namespace);
      expect(doc).toContain(link.confirmedAt);
    }
  });

  it('quotes docs/sparql/baclofen-targets.rq as the file has it (after its comments)', () => {
    const doc = readFileSync(join(DOCS, 'rdf.md'), 'utf8');
    const query = readFileSync(join(DOCS, 'sparql/baclofen-targets.rq'), 'utf8');
    expect(doc).toContain(query.slice(query.indexOf('PREFIX')));
  });
});

describe('rdflib, as a researcher loads the N-Triples', () => {
  let python: string | null = null;
  let dir: string;
  beforeAll(() => {
    const found = researchPython();
    if ('skipped' in found)
      process.stdout.write(`skipped: the rdflib checks of tests/unit/rdf.test.ts: ${found.skipped}\n`);
    else python = found.python;
    dir = mkdtempSync(join(tmpdir(), 'drug-facts-rdf-'));
  }, PYTHON_SETUP_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers docs/sparql/baclofen-targets.rq with the target and the sentences cited for it', ({ skip }) => {
    if (!python) return skip();
    const graph = join(dir, 'graph.nt');
    writeFileSync(graph, toNTriples(quads));
    const program = readFileSync(join(DOCS, 'sparql/run.py'), 'utf8');
    const answer = JSON.parse(runPython(python, program, [graph, join(DOCS, 'sparql/baclofen-targets.rq')])) as {
      triples: number;
      rows: Record<string, string | null>[];
    };
    expect(answer.triples).toBe(quads.length);
    expect(answer.rows).toEqual([
      {
        statement: statement('fact:acts').value,
        target: entity('target:gaba-b-receptor').value,
        targetName: 'GABAB receptor',
        action: 'agonist',
        evidence: `${BASE}/statements/fact:acts#cite:pd1`,
        says: 'Baclofen stimulates GABAB receptors.',
        section: 'Pharmacodynamics',
        paragraph: '1',
        sentence: '1',
        record: null,
      },
      {
        statement: statement('fact:acts').value,
        target: entity('target:gaba-b-receptor').value,
        targetName: 'GABAB receptor',
        action: 'agonist',
        evidence: `${BASE}/statements/fact:acts#cite:dc1`,
        says: 'DrugCentral lists Baclofen as an agonist of GABBR1.',
        section: null,
        paragraph: null,
        sentence: null,
        record: 'https://github.com/dhimmel/drugcentral/blob/abc123/rephetio/targets.tsv#L12',
      },
    ]);
  });
});
