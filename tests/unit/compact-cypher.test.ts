/**
 * Compact Cypher (src/graph/compactCypher.ts): the text sent is the statement without comment
 * lines and needless spaces, its quoted text untouched, and the drug-profile statement of the
 * benchmark's W1 fits one Bolt chunk with its parameters and metadata.
 */
import { describe, expect, it } from 'vitest';
import { compact } from '../../src/graph/compactCypher.js';
import { drugProfilesStatement } from '../../src/graph/profiles.js';

describe('compact Cypher', () => {
  it('drops comment lines and spaces that carry nothing', () => {
    expect(
      compact(`
        // a comment line
        MATCH (d:Drug {id: $id})
        RETURN d {.id, .name} AS drug, [x IN range(0, 2) | x] AS xs`),
    ).toBe('MATCH (d:Drug {id:$id}) RETURN d {.id,.name} AS drug,[x IN range(0,2) | x] AS xs');
  });

  it('keeps quoted text as written', () => {
    expect(compact(`MATCH (m {id: 'a,  b: ( c )'}) RETURN "x ,  y" AS z`)).toBe(
      `MATCH (m {id:'a,  b: ( c )'}) RETURN "x ,  y" AS z`,
    );
    expect(compact(`RETURN 'it\\'s ,  here' AS a, 1 AS b`)).toBe(`RETURN 'it\\'s ,  here' AS a,1 AS b`);
  });

  it('leaves the lookup of a typical selection under one 1,400-byte Bolt chunk', () => {
    // W1's selection fetches the drug brief (1,095 bytes); asking for its description too, in full.
    for (const entity of ['brief', 'full'] as const) {
      const { cypher } = drugProfilesStatement([{ key: 'lioresal' }], {
        types: ['ACTS_ON', 'ANALOGUE_OF', 'BRAND_OF', 'DERIVATIVE_OF', 'HAS_AFFINITY_FOR', 'INDICATED_FOR'],
        literals: false,
        identifiers: false,
        neighbours: 'brief',
        entity,
      });
      // Measured: with this lookup's parameters, the database name, the timeout and the metadata,
      // the RUN and PULL messages of the 1,245-byte full text take 1,376 bytes of the chunk's 1,400.
      expect(Buffer.byteLength(cypher)).toBeLessThanOrEqual(1_250);
    }
  });
});
