/**
 * Example: Apollo Client with automatic persisted queries
 *
 * `PersistedQueryLink` first sends only the query's SHA-256 hash, by GET; the first time, the
 * API answers `PersistedQueryNotFound` and the link sends the whole query once, after which
 * every client can ask by hash alone: short URLs that HTTP caches keep.
 */
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const TARGETS = gql`
  query Targets($name: String!) {
    drug(name: $name) {
      id
      name
      targets {
        target {
          id
          name
        }
        action
      }
    }
  }
`;

export function createApolloClient(endpoint: string, fetchImpl: typeof fetch = fetch) {
  const persisted = new PersistedQueryLink({
    sha256: (query: string) => createHash('sha256').update(query).digest('hex'),
    useGETForHashedQueries: true,
  });
  return new ApolloClient({
    link: persisted.concat(new HttpLink({ uri: endpoint, fetch: fetchImpl })),
    cache: new InMemoryCache(),
  });
}

export async function targetsByApollo(client: ApolloClient, name: string) {
  const result = await client.query({ query: TARGETS, variables: { name }, fetchPolicy: 'network-only' });
  return result.data as {
    drug: { id: string; name: string; targets: { target: { id: string; name: string }; action: string }[] };
  };
}
