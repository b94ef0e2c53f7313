import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AuthenticationError } from '../auth/authenticate.js';

/** Codes a client may see on a top-level error; anything else is reported as an internal error. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export const unauthenticated = (message = 'sign in to do this') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
export const forbidden = (message = 'you are not allowed to do this') =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

/**
 * Never lets a stack trace, SQL text or internal message reach a client: unexpected errors become
 * "Internal server error" (the full error is logged with the request id by the caller).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AuthenticationError) {
    return { message: original.message, extensions: { code: 'UNAUTHENTICATED' } };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
  // Cost/depth limits from graphql-armor arrive without a public code; they are safe to show.
  const isArmor = formatted.message.startsWith('Syntax Error') || /^Query (depth|Cost)|^Cost limit|^Query depth/i.test(formatted.message);
  if (PUBLIC_CODES.has(code) || isArmor) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
