/**
 * RDF formats
 *
 * The quads of src/release/rdf.ts written out by the libraries researchers read them back with,
 * never by hand: N-Triples by N3.js, JSON-LD by the jsonld library (from RDF, then compacted).
 * Compaction uses one context, `jsonLdContext`, shared by the release's JSON-LD and the JSON-LD of
 * the entity and statement pages, so a client reads both the same way.
 */
import jsonld from 'jsonld';
import { Writer, type Quad } from 'n3';
import { vocabularyIri } from '../model/resourceUrls.js';
import { NAMESPACES } from './rdfVocabulary.js';

/** The quads as N-Triples: one triple a line, in the order given. */
export function toNTriples(quads: Quad[]): string {
  return new Writer({ format: 'N-Triples' }).quadsToString(quads);
}

/**
 * The JSON-LD context for the RDF named under `base` (the API's PUBLIC_URL). Our vocabulary is the
 * default, so a predicate, qualifier or kind reads as its own name (`ACTS_ON`, `section`, `Drug`);
 * the standard vocabularies keep their usual prefixes (`rdfs:label`, `prov:wasDerivedFrom`).
 * An identifier predicate's name has a colon, which JSON-LD would read as an IRI of its own, so
 * `identifier` is a prefix too and `identifier:MESH` expands back to our term.
 */
export function jsonLdContext(base: string) {
  return {
    '@vocab': vocabularyIri(base, ''),
    identifier: vocabularyIri(base, 'identifier:'),
    ...NAMESPACES,
    // A statement's predicate is a term, so it reads as one (`ACTS_ON`, `rdfs:label`), not as a full IRI.
    'rdf:predicate': { '@type': '@vocab' },
  };
}

/** The quads as compacted JSON-LD: `@context` and `@graph`, one node object per subject. */
export async function toJsonLd(quads: Quad[], base: string): Promise<jsonld.NodeObject> {
  const expanded = await jsonld.fromRDF(toNTriples(quads), { format: 'application/n-quads' });
  return jsonld.compact(expanded, jsonLdContext(base));
}
