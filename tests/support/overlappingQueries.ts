/**
 * Overlapping queries
 *
 * Operations the way two screens of one app would write them: each selects different fields of
 * the same objects (a drug's targets with their action, then with their affinities and
 * evidence; the analogues of two drugs that name each other; a relationship seen from both of
 * its ends). A normalizing client cache keeps them apart only if every object carries an `id`
 * that is unique to what it shows, so the client tests send these and the codegen test types them.
 */
import { parse } from 'graphql';

/** The first screen: each target of a drug with its action and the sentence that states it. */
export const TARGET_ACTIONS = parse(/* GraphQL */ `
  query TargetActions($name: String!) {
    drug(name: $name) {
      id
      name
      targets {
        id
        action
        target {
          id
          name
        }
        citation {
          id
          statement
        }
      }
    }
    meta {
      id
      dataVersion
    }
  }
`);

/** The second screen: the same targets with their affinities and all their evidence. */
export const TARGET_EVIDENCE = parse(/* GraphQL */ `
  query TargetEvidence($name: String!) {
    drug(name: $name) {
      id
      targets {
        id
        affinities {
          id
          value
          unit
        }
        citations {
          id
          section
          paragraph
          sentence
          statement
        }
        target {
          id
        }
      }
    }
    meta {
      id
      statementCount
      evidenceCount
    }
  }
`);

/** A drug's analogues: baclofen's list names phenibut and phenibut's names baclofen. */
export const ANALOGUE_VIEWS = parse(/* GraphQL */ `
  query AnalogueViews($id: ID!) {
    drug(id: $id) {
      id
      analogues {
        id
        statementId
        relation
        direction
        drug {
          id
          name
        }
      }
    }
  }
`);

/** One entity's ACTS_ON relationships: the drug sees them OUTGOING, the target INCOMING. */
export const ACTS_ON_VIEWS = parse(/* GraphQL */ `
  query ActsOnViews($id: ID!) {
    entity(id: $id) {
      id
      name
      relations(types: [ACTS_ON]) {
        id
        statementId
        type
        direction
        node {
          id
          name
        }
      }
    }
  }
`);
