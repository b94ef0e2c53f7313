import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { authenticate, AuthenticationError } from '../auth/authenticate.js';
import type { Viewer } from '../auth/viewer.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createLoaders } from '../graphql/loaders.js';
import type { Services } from '../services/index.js';

/** What a connection carries after `connection_init`: who is subscribing. */
type ConnectionExtra = {
  viewer?: Viewer;
};

/**
 * GraphQL subscriptions over the graphql-ws protocol on the same `/graphql` path as queries. The
 * bearer token travels in `connectionParams.authorization` (browsers cannot set WebSocket headers);
 * a token that does not verify closes the connection (4403), like a 401 on HTTP.
 */
export function attachSubscriptions(server: Server, schema: GraphQLSchema, services: Services, logger: Logger): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const disposable = useServer<{ authorization?: unknown }, ConnectionExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const header = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        try {
          ctx.extra.viewer = await authenticate(header, services.orm.em.fork(), services.sessions);
          return true;
        } catch (error) {
          if (error instanceof AuthenticationError) return false;
          throw error;
        }
      },
      context: (ctx): GraphQLContext => {
        const requestId = randomUUID();
        const em = services.orm.em.fork();
        return { requestId, viewer: ctx.extra.viewer ?? { kind: 'anonymous' }, em, services, loaders: createLoaders(em), logger: logger.child({ requestId }) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors: errors.map((e) => e.message) }, 'subscription failed');
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
