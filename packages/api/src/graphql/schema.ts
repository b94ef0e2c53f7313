import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers.js';

/** Builds the executable schema from the resolver classes of every module. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false });
}
