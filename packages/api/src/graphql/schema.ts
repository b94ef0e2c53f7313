import { buildSchema, type PubSub } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers.js';

/**
 * Builds the executable schema from the resolver classes of every module. Subscriptions read from
 * `pubSub` (the process's LiveEvents); printing the schema needs none, so a detached one is enough.
 */
export function createSchema(pubSub: PubSub = detachedPubSub): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false, pubSub });
}

/** For building the schema without serving it (schema printing): nothing is ever published. */
const detachedPubSub: PubSub = {
  publish: () => undefined,
  subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
};
