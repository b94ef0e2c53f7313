import { GraphQLError } from 'graphql';
import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { describeQueryError } from './describe-error.js';

describe('describeQueryError', () => {
  it('says the API could not be reached on a network error', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') });
    expect(describeQueryError(error)).toBe('The API could not be reached (Failed to fetch).');
  });

  it("repeats the API's own GraphQL error messages", () => {
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('Not authorised'), new GraphQLError('Try later')] });
    expect(describeQueryError(error)).toBe('The API returned an error: Not authorised; Try later');
  });
});
