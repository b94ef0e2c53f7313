import { Client, cacheExchange, fetchExchange } from '@urql/core';

/** The one urql client an app shares (via urql's Provider). */
export function createApiClient(url: string): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    // Apollo's CSRF prevention rejects simple GET requests; a JSON POST always passes.
    preferGetMethod: false,
  });
}
