/**
 * The GraphQL API, as any client would call it
 *
 * The explorer reads the graph only through the public endpoint: a JSON POST to /graphql with a
 * named operation and variables (JSON POSTs pass the API's CSRF prevention as they are, and the
 * browser adds Content-Length). Every operation the page runs is written out here, so this file
 * doubles as an example of using the API.
 */

const CITATION = `
  fragment Cite on Citation {
    source { title url licence }
    section
    paragraph
    sentence
    url
    statement
    hedge
  }`;

export const SEARCH = `
  query ExplorerSearch($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      entity { id kind name }
      matchedField
      matchedText
    }
  }`;

export const NEIGHBOURHOOD = `
  query ExplorerNeighbourhood($id: ID!) {
    neighbourhood(id: $id) {
      centre { id kind name synonyms description citation { ...Cite } }
      nodes { id kind name }
      edges { id source target type qualifiers { key value } citation { ...Cite } }
    }
  }
  ${CITATION}`;

export const ENTITY = `
  query ExplorerEntity($id: ID!) {
    entity(id: $id) { id kind name }
  }`;

export const PATHS = `
  query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops, first: 10) {
      length
      nodes { id kind name }
      hops {
        from { id }
        to { id }
        type
        direction
        qualifiers { key value }
        citation { ...Cite }
      }
    }
  }
  ${CITATION}`;

export const ANALOGUES = `
  query ExplorerAnalogues($ids: [ID!]) {
    drugs(ids: $ids) {
      id
      kind
      name
      targets {
        target { id kind name }
        action
        selectivity
        clinicallyRelevant
        affinities { measure value unit stereoisomer citation { ...Cite } }
        citation { ...Cite }
      }
      nonTargets { target { id kind name } citation { ...Cite } }
      analogues { drug { id } relation direction difference position citation { ...Cite } }
    }
  }
  ${CITATION}`;

export const COMPARE_AFFINITY = `
  query ExplorerCompareAffinity($target: ID!) {
    compareAffinity(target: $target) {
      drug { id name }
      target { id name }
      measure
      value
      unit
      stereoisomer
      citation { ...Cite }
    }
  }
  ${CITATION}`;

/** Runs one operation; GraphQL errors become one Error whose message is the API's. */
export async function graphql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the API answered ${response.status} without JSON`);
  }
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  if (!response.ok) throw new Error(`the API answered ${response.status}`);
  return body.data;
}
