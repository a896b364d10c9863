/**
 * The README's cookbook: real queries, one or more for each kind of user. Their answers in the
 * README are produced by running them (`npm run docs`) and a test checks they still hold.
 */
export interface Recipe {
  title: string;
  query: string;
}

export const COOKBOOK: Recipe[] = [
  {
    title: 'Look a drug up by a brand name, any case or accent',
    query: '{ drug(name: "LIORESAL") { id name synonyms brands { name } } }',
  },
  {
    title: 'Greek letters spelt out or not: both find GHB',
    query: '{ a: drug(name: "gamma-hydroxybutyric acid") { id } b: drug(name: "γ-hydroxybutyric acid") { id } }',
  },
  {
    title: 'Look a drug up by a registry identifier',
    query: '{ drugByIdentifier(namespace: PUBCHEM_CID, value: "2284") { id name identifiers { namespace value } } }',
  },
  {
    title: 'Batch lookups in one round trip: input order kept, null for a miss',
    query: '{ drugs(names: ["phenibut", "not-a-drug", "Gablofen", "GABA"]) { id name } }',
  },
  {
    title: 'Targets with action and affinity, each with its citation',
    query:
      '{ drug(id: "drug:phenibut") { targets { target { name } action affinities { value unit stereoisomer } citation { section paragraph sentence statement url } } } }',
  },
  {
    title: 'Compare affinities at the α2δ channel',
    query:
      '{ compareAffinity(target: "target:alpha2delta-vgcc") { drug { name } measure value unit stereoisomer citation { statement } } }',
  },
  {
    title: 'Drugs that share a target with baclofen',
    query: '{ sharedTargets(drug: "drug:baclofen") { target { name } drug { name } action } }',
  },
  {
    title: 'Analogues with the structural difference',
    query: '{ drug(id: "drug:baclofen") { analogues { drug { name } relation direction difference position } } }',
  },
  {
    title: 'Shortest cited paths from baclofen to GHB',
    query:
      '{ paths(from: "drug:baclofen", to: "drug:ghb", first: 2) { length evidenceCount nodes { name } hops { statements { type evidenceCount citations { section paragraph sentence hedge reading } } } } }',
  },
  {
    title: 'Both half-lives the source gives, each cited',
    query:
      '{ drug(id: "drug:baclofen") { properties(attribute: "halfLife") { value low high unit comparator qualifiers { key value } citation { section paragraph sentence statement } } } }',
  },
  {
    title: 'Indications with their status, and the uses the source advises against',
    query:
      '{ drug(id: "drug:baclofen") { indications { condition { name } status } notRecommendedFor { condition { name } } } }',
  },
  {
    title: 'One statement with all of its evidence, and what each sentence adds',
    query:
      '{ drug(id: "drug:baclofen") { routes { id route { name } citations { id section paragraph sentence statement qualifiers { key value } } } } }',
  },
  {
    title: 'How many statements, how many sentences, and what a predicate means',
    query: '{ meta { statementCount evidenceCount vocabularies { name values { value description } } } }',
  },
  {
    title: 'Withdrawal effects only',
    query: '{ drug(id: "drug:baclofen") { effects(context: WITHDRAWAL) { effect { name } } } }',
  },
  {
    title: 'Typo-tolerant search, with the field that matched',
    query: '{ search(query: "baclofn", first: 3) { entity { id kind } matchedField matchedText } }',
  },
  {
    title: 'The history of baclofen as a timeline',
    query: '{ timeline(entity: "drug:baclofen", to: 1990) { date name participants { entity { name } role } } }',
  },
  {
    title: 'The graph as cited facts, one page at a time',
    query:
      '{ facts(subject: "drug:baclofen", predicate: "halfLife", first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { predicate value low high unit qualifiers { key value } citation { section paragraph sentence } } } } }',
  },
];
