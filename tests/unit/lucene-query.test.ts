/**
 * The Lucene query built from a user's search text: plain tokens only, fuzziness by word length.
 */
import { describe, expect, it } from 'vitest';
import { toLuceneQuery } from '../../src/graph/search.js';

describe('toLuceneQuery', () => {
  it('asks short words exactly and as a prefix, words up to 7 letters with one edit, longer with two', () => {
    expect(toLuceneQuery('GABA')).toBe('(gaba^4 OR gaba*^2 OR gaba~1)');
    expect(toLuceneQuery('a2')).toBe('(a2^4 OR a2*^2)');
    expect(toLuceneQuery('baclofn')).toBe('(baclofn^4 OR baclofn*^2 OR baclofn~1)');
    expect(toLuceneQuery('pregablin')).toBe('(pregablin^4 OR pregablin*^2 OR pregablin~2)');
  });

  it('drops Lucene syntax and empty input', () => {
    expect(toLuceneQuery('baclofen" OR *:*')).toBe('(baclofen^4 OR baclofen*^2 OR baclofen~2) (or^4 OR or*^2)');
    expect(toLuceneQuery('  ** ')).toBeNull();
  });
});
