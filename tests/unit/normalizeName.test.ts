/**
 * Name keys (src/model/normalizeName.ts): the loader stores them and every lookup makes them,
 * so names that differ only in case, accents, Greek letters or punctuation find the same entity.
 */
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../src/model/normalizeName.js';
import { prepareSeed } from '../../seed/seedGraph.js';

describe('normalizeName', () => {
  it('gives one key to a name in any case, with or without accents', () => {
    expect(normalizeName('Lioresal')).toBe('lioresal');
    expect(normalizeName('LIORÉSAL')).toBe('lioresal');
    expect(normalizeName('Liorésal')).toBe('lioresal');
  });

  it('spells Greek letters out, the micro sign like mu', () => {
    expect(normalizeName('γ-Hydroxybutyric acid')).toBe('gamma hydroxybutyric acid');
    expect(normalizeName('GAMMA-HYDROXYBUTYRIC ACID')).toBe('gamma hydroxybutyric acid');
    expect(normalizeName('α2δ')).toBe('alpha2delta');
    expect(normalizeName('µ-opioid')).toBe(normalizeName('μ-opioid'));
    expect(normalizeName('μ-opioid')).toBe('mu opioid');
  });

  it('turns punctuation and runs of spaces into one space, and trims', () => {
    expect(normalizeName('  β-(4-chlorophenyl)-GABA ')).toBe('beta 4 chlorophenyl gaba');
    expect(normalizeName('Baclofen\t\t(oral)')).toBe('baclofen oral');
    expect(normalizeName('--')).toBe('');
  });

  it('keys every name and synonym of the seed data as a lookup of it would', () => {
    const rows = prepareSeed();
    const phenibutKeys = rows.names.filter((n) => n.entity === 'drug:phenibut').map((n) => n.key);
    expect(phenibutKeys).toEqual(expect.arrayContaining(['phenibut', 'beta phenyl gaba']));
    expect(rows.names.find((n) => n.key === normalizeName('γ-Hydroxybutyric Acid'))?.entity).toBe('drug:ghb');
  });
});
