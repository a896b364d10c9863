/**
 * Identifier keys (src/model/identifierKey.ts): a lookup reads the value a client wrote into the
 * form the source wrote and the graph stores, and leaves every other value as it came.
 */
import { describe, expect, it } from 'vitest';
import { identifierKey, lookupKey } from '../../src/model/identifierKey.js';

describe('the key a lookup by identifier reads', () => {
  it('is the stored key for a value written as stored', () => {
    expect(lookupKey('DOID', 'DOID:2377')).toBe(identifierKey('DOID', 'DOID:2377'));
    expect(lookupKey('ENTREZ_GENE', '781')).toBe('ENTREZ_GENE:781');
    expect(lookupKey('DRUGBANK', 'DB00181')).toBe('DRUGBANK:DB00181');
  });

  it('adds the prefix a Disease Ontology or ChEBI value carries to a bare number, and its stored case', () => {
    expect(lookupKey('DOID', '2377')).toBe('DOID:DOID:2377');
    expect(lookupKey('DOID', 'doid:0050425')).toBe('DOID:DOID:0050425');
    expect(lookupKey('CHEBI', '2972')).toBe('CHEBI:CHEBI:2972');
    expect(lookupKey('CHEBI', 'ChEBI:2972')).toBe('CHEBI:CHEBI:2972');
  });

  it('trims spaces and touches nothing else', () => {
    expect(lookupKey('DRUGBANK', '  DB00181 ')).toBe('DRUGBANK:DB00181');
    expect(lookupKey('GENE_SYMBOL', 'gabbr1')).toBe('GENE_SYMBOL:gabbr1');
    expect(lookupKey('MESH', '2377')).toBe('MESH:2377');
    expect(lookupKey('DOID', 'DOID_2377')).toBe('DOID:DOID_2377');
    expect(lookupKey('DOID', '')).toBe('DOID:');
  });
});
