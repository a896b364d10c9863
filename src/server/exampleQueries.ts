/**
 * GraphiQL's opening document: one example operation for each kind of user.
 */
export const EXAMPLE_QUERIES = `# Developers: look a drug up by any name, with cited facts.
query DrugByName {
  drug(name: "Lioresal") {
    id
    name
    brands { name }
    identifiers { namespace value }
    targets {
      target { name }
      action
      affinities { value unit stereoisomer }
      citation { section paragraph sentence statement hedge url }
    }
  }
}

# Researchers: compare analogues at the alpha2delta channel.
query AnalogueAffinities {
  compareAffinity(target: "target:alpha2delta-vgcc") {
    drug { name }
    measure value unit stereoisomer
    citation { statement url }
  }
  sharedTargets(drug: "drug:baclofen") { target { name } drug { name } action }
}

# Apps: batch lookups in one round trip, in input order, null for a miss.
query Batch {
  drugs(names: ["baclofen", "phenibut", "not-a-drug", "GHB"]) { id name }
}
`;
