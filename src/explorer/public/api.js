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
    source { id title url licence kind }
    record { file line key }
    section
    paragraph
    sentence
    url
    statement
    hedge
  }`;

/** A sentence as evidence of a statement: also how it reads and what it alone adds. */
const EVIDENCE = `
  fragment Evidence on Citation {
    ...Cite
    id
    reading
    qualifiers { key value }
  }
  ${CITATION}`;

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
      edges { id source target type polarity evidenceCount qualifiers { key value } citation { ...Cite } }
    }
  }
  ${CITATION}`;

/**
 * Every sentence stating one statement, read from its subject's relations. The neighbourhood
 * carries only each statement's first sentence: asking it for all of them goes over the API's
 * cost limit (up to 1002 edges of up to 10 citations each), so the rest are loaded on demand.
 */
export const EVIDENCE_OF = `
  query ExplorerEvidence($subject: ID!, $type: RelationType!) {
    entity(id: $subject) {
      relations(types: [$type], direction: OUTGOING) { statementId citations { ...Evidence } }
    }
  }
  ${EVIDENCE}`;

export const ENTITY = `
  query ExplorerEntity($id: ID!) {
    entity(id: $id) { id kind name }
  }`;

export const PATHS = `
  query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int, $first: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops, first: $first) {
      id
      length
      evidenceCount
      nodes { id kind name }
      hops {
        from { id }
        to { id }
        evidenceCount
        statements {
          id
          source
          target
          type
          polarity
          evidenceCount
          qualifiers { key value }
          citations { ...Evidence }
        }
      }
    }
  }
  ${EVIDENCE}`;

/**
 * How many paths to ask for: every hop brings all its statements with all their sentences, and
 * five paths of five hops would go over the API's cost limit.
 */
export const pathsToAsk = (maxHops) => (maxHops >= 5 ? 3 : 5);

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
        citations { ...Evidence }
      }
      nonTargets { target { id kind name } citation { ...Cite } }
      analogues { drug { id } relation direction difference position citation { ...Cite } }
    }
  }
  ${EVIDENCE}`;

/** Where sources disagree about those drugs: asked apart, so each query stays well under the cost limit. */
export const DISAGREEMENTS = `
  query ExplorerDisagreements($ids: [ID!]) {
    drugs(ids: $ids) {
      id
      disagreements { id note statements { id type node { id name } qualifiers { key value } citations { ...Cite } } }
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

/** How many times a refusal that says "retry" (503 with Retry-After) is retried. */
const RETRIES = 3;

/** Runs one operation; GraphQL errors become one Error whose message is the API's. */
export async function graphql(query, variables = {}) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    // A busy server or a data switch answers 503 with Retry-After: wait as asked, then ask again.
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status === 503 && retryAfter > 0 && attempt < RETRIES) {
      await new Promise((resolve) => window.setTimeout(resolve, Math.min(retryAfter, 5) * 1000));
      continue;
    }
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
}
