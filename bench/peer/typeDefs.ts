/**
 * Peer type definitions
 *
 * The @neo4j/graphql peer of the benchmark, over the same graph: the types and relationships
 * workloads W1 and W2 touch, with citations as relationship properties. Written for the
 * benchmark only; the product's contract is schema/schema.graphql.
 */
const CITATION = `
  citeSource: String
  citeSection: String
  citeParagraph: Int
  citeSentence: Int
  citeStatement: String
  citeHedge: String`;

export const PEER_TYPE_DEFS = `
type Cited @relationshipProperties {${CITATION}
}

type ActsOn @relationshipProperties {
  action: String
  selectivity: String${CITATION}
}

type Affinity @relationshipProperties {
  measure: String
  value: Float
  unit: String
  stereoisomer: String${CITATION}
}

type AnalogueOf @relationshipProperties {
  difference: String${CITATION}
}

type IndicatedFor @relationshipProperties {
  status: String${CITATION}
}

type Drug @node(labels: ["Drug"]) {
  id: ID!
  name: String!
  synonyms: [String!]
  description: String
  targets: [Target!]! @relationship(type: "ACTS_ON", direction: OUT, properties: "ActsOn")
  affinities: [Target!]! @relationship(type: "HAS_AFFINITY_FOR", direction: OUT, properties: "Affinity")
  analogues: [Drug!]! @relationship(type: "ANALOGUE_OF", direction: IN, properties: "AnalogueOf")
  brands: [Brand!]! @relationship(type: "BRAND_OF", direction: IN, properties: "Cited")
  indications: [Condition!]! @relationship(type: "INDICATED_FOR", direction: OUT, properties: "IndicatedFor")
}

type Target @node(labels: ["Target"]) {
  id: ID!
  name: String!
}

type Brand @node(labels: ["Brand"]) {
  id: ID!
  name: String!
}

type Condition @node(labels: ["Condition"]) {
  id: ID!
  name: String!
}
`;
