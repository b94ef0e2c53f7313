import type { CombinedError } from '@urql/core';

/** One sentence for a person: an unreachable API reads differently from an API that said no. */
export function describeQueryError(error: CombinedError): string {
  if (error.networkError) return `The API could not be reached (${error.networkError.message}).`;
  const messages = error.graphQLErrors.map((e) => e.message).filter((m) => m.length > 0);
  if (messages.length > 0) return `The API returned an error: ${messages.join('; ')}`;
  return 'The API returned an unexpected response.';
}
