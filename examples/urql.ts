/**
 * Example: urql with its default settings
 *
 * urql sends short queries as GET (`preferGetMethod: 'within-url-limit'`), which the API
 * answers with ETags and Cache-Control like any other GET.
 */
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';

const ANALOGUES = gql`
  query Analogues($name: String!) {
    drug(name: $name) {
      id
      name
      analogues {
        drug {
          id
          name
        }
        difference
      }
    }
  }
`;

export async function analoguesByUrql(endpoint: string, name: string, fetchImpl: typeof fetch = fetch) {
  const client = new Client({ url: endpoint, exchanges: [cacheExchange, fetchExchange], fetch: fetchImpl });
  const result = await client.query(ANALOGUES, { name }).toPromise();
  if (result.error) throw result.error;
  return result.data as {
    drug: { id: string; name: string; analogues: { drug: { id: string; name: string }; difference: string }[] };
  };
}
