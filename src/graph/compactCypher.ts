/**
 * Compact Cypher text
 *
 * A statement's text as it is sent: comment lines dropped and each run of whitespace made one
 * space. The driver packs a query into a 1,400-byte buffer and writes the buffer out whenever
 * it fills, so a statement whose text (with its parameters and metadata) passes that size
 * costs a second socket write on every request: the drug-profile query did, and the writes
 * were 9% of the API's CPU under load. No query here holds literal text with runs of spaces.
 */
export const compact = (cypher: string): string =>
  cypher
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
